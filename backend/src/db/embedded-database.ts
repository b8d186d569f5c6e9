/**
 * The embedded MongoDB-compatible database for development and tests: chosen by
 * database-chooser.ts, run by mongod.ts or ferretdb.ts, kept alive by supervisor.ts.
 * See docs/database.md.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { chooseDatabase } from './database-chooser.js';
import { supervise } from './supervisor.js';

export { backendRoot } from './backend-root.js';
export { NoDatabaseError } from './database-chooser.js';

export type EmbeddedKind = 'mongodb-memory-server' | 'ferretdb';

export interface EmbeddedDatabase {
  kind: EmbeddedKind;
  uri: string;
  /** the server's process id while it runs */
  pid: () => number | undefined;
  /** stops the server, keeping data; no restart follows */
  stop: () => Promise<void>;
  /** starts it again on the same port and data dir (used by outage tests) */
  restart: () => Promise<void>;
}

export interface EmbeddedDatabaseLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

export interface StartEmbeddedDatabaseOptions {
  dataDir: string;
  logger?: EmbeddedDatabaseLogger;
  /**
   * Called once when the server died and could not be kept up (5 failures within a minute).
   * The app exits non-zero so a process manager takes over; without it the failure is only logged.
   */
  onGiveUp?: (reason: string) => void;
}

const consoleLogger: EmbeddedDatabaseLogger = {
  info: (_obj, msg) => console.info(msg ?? ''),
  warn: (_obj, msg) => console.warn(msg ?? ''),
};

export async function startEmbeddedDatabase(options: StartEmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  const logger = options.logger ?? consoleLogger;
  const dataDir = path.resolve(options.dataDir);
  await fs.mkdir(dataDir, { recursive: true });
  const chosen = await chooseDatabase(dataDir, logger);
  logger.info({}, `database: ${chosen.name} is up (pid ${chosen.first.pid}) at ${chosen.uri}; it is restarted if it dies`);
  const supervisor = supervise(chosen.first, {
    name: chosen.name,
    start: chosen.start,
    logger,
    onGiveUp: options.onGiveUp ?? ((reason) => logger.warn({}, `database: the embedded database stays down: ${reason}`)),
  });
  return { kind: chosen.kind, uri: chosen.uri, pid: supervisor.pid, stop: supervisor.stop, restart: supervisor.restart };
}
