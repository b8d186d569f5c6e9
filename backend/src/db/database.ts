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

/** Errors that mean "the database is not there", which clients see as 503, never 500. */
export function isDatabaseDownError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return (
    error.name === 'MongoServerSelectionError' ||
    error.name === 'MongoNetworkError' ||
    error.name === 'MongoNetworkTimeoutError' ||
    error.name === 'MongoNotConnectedError' ||
    error.name === 'MongoPoolClearedError' ||
    error.name === 'MongoTopologyClosedError' ||
    /Cannot call `.+` before initial connection|Client must be connected|connection .* closed/i.test(error.message)
  );
}

/** Answers 503 at once while the driver knows the database is down, instead of waiting to fail. */
export const requireDatabase: RequestHandler = (_req, _res, next) => {
  next(isDatabaseUp() ? undefined : errors.databaseUnavailable());
};
