import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createApp } from './app.js';
import type { Config } from './config/config.js';
import { createContext, type AppContext, type ContextOverrides } from './context.js';
import { connectDatabase, disconnectDatabase } from './db/database.js';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './db/embedded-database.js';
import type { Logger } from './lib/logger.js';
import { callSocket } from './modules/calls/index.js';
import { typingSocket } from './modules/messages/index.js';
import { redisTicketLedger } from './modules/auth/index.js';
import { backfillEmailRowsOnce } from './modules/users/index.js';
import { createRealtime, type Realtime } from './realtime/socket-server.js';
import { createRedisCallRegistry } from './scale/redis-call-registry.js';
import { createScaleOut, type ScaleOut } from './scale/scale-out.js';
import { DEMO_ACCOUNTS, ensureAdmin, seedDemoAccounts } from './seed/accounts.js';

export interface StartOptions extends ContextOverrides {
  /** overrides MONGODB_URI (tests give each file its own database) */
  mongoUri?: string;
  frontendDir?: string;
  sweepIntervalMs?: number;
  /** the embedded database died and stays down (server.ts exits non-zero); only logged when absent */
  onDatabaseGaveUp?: (reason: string) => void;
}

export interface RunningServer {
  url: string;
  port: number;
  context: AppContext;
  realtime: Realtime;
  httpServer: http.Server;
  /** graceful stop: no new connections, in-flight requests finish, sockets told to reconnect, database closed */
  close(): Promise<void>;
}

/** Connects the database the configuration names, or starts the embedded one and connects to it. */
async function connectConfiguredDatabase(
  config: Config,
  logger: Logger,
  options: StartOptions,
): Promise<EmbeddedDatabase | undefined> {
  let embedded: EmbeddedDatabase | undefined;
  let uri = options.mongoUri ?? config.mongodbUri;
  if (!uri) {
    const { onDatabaseGaveUp } = options;
    embedded = await startEmbeddedDatabase({
      dataDir: path.resolve(config.dataDir, 'db'),
      logger,
      ...(onDatabaseGaveUp ? { onGiveUp: onDatabaseGaveUp } : {}),
    });
    uri = embedded.uri;
  }
  await connectDatabase(uri, logger);
  return embedded;
}

/** The admin account from the configuration, and the demo accounts when asked for. */
async function seedAccounts(config: Config, logger: Logger, passwords: AppContext['passwords']): Promise<void> {
  if (config.adminEmail && config.adminPassword) {
    if (await ensureAdmin(config.adminEmail, config.adminPassword, passwords))
      logger.info({ email: config.adminEmail }, 'admin account created');
  }
  if (config.seedDemo) {
    await seedDemoAccounts(passwords);
    logger.info({ accounts: DEMO_ACCOUNTS.map(({ email, role }) => ({ role, email })) }, 'demo accounts ready');
  }
}

/** Wires the database, the app and the realtime layer, and listens. `server.ts` and tests both use it. */
export async function startServer(config: Config, logger: Logger, options: StartOptions = {}): Promise<RunningServer> {
  const embedded = await connectConfiguredDatabase(config, logger, options);

  // With Redis, presence, live calls and login limits are shared by every instance.
  const scaleOut: ScaleOut | undefined = config.redisUrl ? await createScaleOut(config.redisUrl, logger) : undefined;
  const context = createContext(
    config,
    logger,
    scaleOut
      ? {
          presence: scaleOut.presence,
          rateLimitStore: scaleOut.rateLimitStore,
          callRegistry: createRedisCallRegistry(scaleOut.redis),
          ticketLedger: redisTicketLedger(scaleOut.redis),
          scaled: true,
          ...options,
        }
      : options,
  );
  scaleOut?.attach(context.io);
  await seedAccounts(config, logger, context.passwords);

  const app = createApp(context, { frontendDir: options.frontendDir });
  const httpServer = http.createServer(app);
  context.io.attach(httpServer);
  const realtime = createRealtime(context.io, {
    config,
    logger,
    tickets: context.socketTickets,
    sessions: context.sessions,
    presence: context.presence,
    modules: [callSocket(context), typingSocket(context)],
    waitingPatients: () => context.consultations.waitingPatients(),
    ...(options.sweepIntervalMs ? { sweepIntervalMs: options.sweepIntervalMs } : {}),
    scaled: scaleOut !== undefined,
  });
  scaleOut?.onUserGone((userId, role) => realtime.announceOffline(userId, role));

  await new Promise<void>((resolve) => httpServer.listen(config.port, config.host, resolve));
  const port = (httpServer.address() as AddressInfo).port;
  // Conversation rows a crash left behind their thread (skipped after a clean stop); in the background.
  context.messages.healConversations().then(
    (moved) => moved > 0 && logger.info({ moved }, 'conversation rows healed after an unclean stop'),
    (error: unknown) => logger.warn({ err: error }, 'conversation rows not healed'),
  );
  // Accounts stored before the email rows get theirs (once per database); until then their logins take the old query.
  backfillEmailRowsOnce().then(
    (written) => written > 0 && logger.info({ written }, 'account email rows backfilled'),
    (error: unknown) => logger.warn({ err: error }, 'account email rows not backfilled'),
  );

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      realtime.close();
      context.consultations.close();
      context.io.emit('server-shutdown', { reconnectInMs: 1_000 });
      const httpClosed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      // Keep-alive connections would hold the server open: answer in-flight requests with
      // `Connection: close`, drop connections as soon as they fall idle, and cut the rest at 5 s.
      httpServer.on('request', (_request, response) => response.setHeader('Connection', 'close'));
      const reaper = setInterval(() => httpServer.closeIdleConnections(), 50);
      const deadline = setTimeout(() => httpServer.closeAllConnections(), 5_000);
      httpServer.closeIdleConnections();
      await new Promise<void>((resolve) => context.io.close(() => resolve()));
      await httpClosed;
      clearInterval(reaper);
      clearTimeout(deadline);
      await context.calls.close();
      await context.messages.close();
      await context.presence.close();
      await scaleOut?.close();
      await context.passwords.close();
      await disconnectDatabase();
      await embedded?.stop();
    })());

  return { url: `http://127.0.0.1:${port}`, port, context, realtime, httpServer, close };
}
