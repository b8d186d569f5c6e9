import type { RequestHandler } from 'express';
import mongoose from 'mongoose';
import { errors } from '../lib/app-error.js';
import type { Logger } from '../lib/logger.js';

// Operators in a query filter must be marked with `mongoose.trusted()`; anything else that looks
// like `{ $gt: "" }` is wrapped in `$eq`. Input validation is the first wall, this is the second.
mongoose.set('sanitizeFilter', true);
mongoose.set('strictQuery', true);

/**
 * Connects mongoose with settings chosen for fast failure: commands are not buffered while the
 * database is away (requests answer 503 instead of hanging), and the driver checks the server
 * every second so an outage and a recovery are both noticed within about two seconds.
 */
export async function connectDatabase(uri: string, logger: Logger): Promise<typeof mongoose> {
  mongoose.set('bufferCommands', false);
  mongoose.connection.on('disconnected', () => logger.warn('database disconnected'));
  mongoose.connection.on('reconnected', () => logger.info('database reconnected'));
  await mongoose.connect(uri, {
    serverSelectionTimeoutMS: 2_000,
    heartbeatFrequencyMS: 1_000,
    connectTimeoutMS: 2_000,
    socketTimeoutMS: 20_000,
    maxPoolSize: 50,
    autoIndex: true,
  });
  // Unique indexes carry correctness (emails, idempotent sends); build them before serving.
  await Promise.all(Object.values(mongoose.models).map((model) => model.init()));
  return mongoose;
}

export async function disconnectDatabase(): Promise<void> {
  await mongoose.disconnect();
}

export function isDatabaseUp(): boolean {
  return mongoose.connection.readyState === mongoose.ConnectionStates.connected;
}

/** A ping that gives up quickly, for the health check. */
export async function pingDatabase(timeoutMs = 1_500): Promise<boolean> {
  const db = mongoose.connection.db;
  if (!db || !isDatabaseUp()) return false;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
  try {
    return await Promise.race([db.command({ ping: 1 }).then(() => true as const), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

// The driver's and mongoose's names for "could not reach the server", whichever layer threw.
const UNREACHABLE = new Set([
  'MongoServerSelectionError',
  'MongooseServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoNotConnectedError',
  'MongoPoolClearedError',
  'MongoPoolClosedError',
  'MongoServerClosedError',
  'MongoTopologyClosedError',
]);
const UNREACHABLE_MESSAGE =
  /Cannot call `.+` before initial connection|Client must be connected|connection .* closed|buffering timed out|Topology is closed|Server is closed|ECONNREFUSED|ECONNRESET/i;

/**
 * Errors that mean "the database is not there", which clients see as 503, never 500. The driver
 * wraps one error in another (a retried write, a pool cleared by a network error), so the whole
 * `cause` chain is read; and any error of the driver's own (not an answer from the server) while
 * the connection is down is the outage too, whatever name a future driver gives it.
 */
export function isDatabaseDownError(error: unknown): boolean {
  for (let at: unknown = error, depth = 0; at instanceof Error && depth < 5; at = at.cause, depth += 1) {
    if (UNREACHABLE.has(at.name) || UNREACHABLE_MESSAGE.test(at.message)) return true;
    if (at.name.startsWith('Mongo') && at.name !== 'MongoServerError' && !isDatabaseUp()) return true;
  }
  return false;
}

/** Answers 503 at once while the driver knows the database is down, instead of waiting to fail. */
export const requireDatabase: RequestHandler = (_req, _res, next) => {
  next(isDatabaseUp() ? undefined : errors.databaseUnavailable());
};
