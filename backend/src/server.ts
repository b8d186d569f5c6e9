import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig } from './config/config.js';
import { createLogger } from './lib/logger.js';
import { DEMO_ACCOUNTS } from './seed/accounts.js';
import { startServer } from './start-server.js';

const here = path.dirname(fileURLToPath(import.meta.url));
// The same from backend/src (tsx) and backend/dist (node): the repository root is two levels up.
const repoRoot = path.resolve(here, '../..');

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  config = { ...config, dataDir: path.resolve(repoRoot, config.dataDir) };
  const logger = createLogger(config.logLevel, config.logFormat);
  const frontendDir = config.serveFrontend ? path.join(repoRoot, 'frontend/dist') : undefined;
  // A database that will not stay up is for a process manager to handle: exit, naming why, last.
  const onDatabaseGaveUp = (reason: string) => {
    logger.fatal({ reason }, 'the embedded database will not stay up; exiting');
    console.error(`CareLine stopped: the embedded database will not stay up: ${reason}`);
    process.exit(1);
  };
  const server = await startServer(config, logger, { onDatabaseGaveUp, ...(frontendDir ? { frontendDir } : {}) });
  logger.info({ url: `http://localhost:${server.port}`, env: config.env }, 'telehealth is up');
  if (config.seedDemo) printDemoLogins(server.port);

  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 9_000);
    force.unref();
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

/** A developer's first question after `npm start`: where is it, and how do I sign in? */
function printDemoLogins(port: number): void {
  const rows = DEMO_ACCOUNTS.map((account) => `  ${account.role.padEnd(8)} ${account.email.padEnd(20)} ${account.password}`);
  console.log(
    ['', `CareLine is running at http://localhost:${port}`, '', 'Demo accounts (development only):', ...rows, ''].join('\n'),
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
