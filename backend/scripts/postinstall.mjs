// Root `npm install` hook: builds FerretDB ahead of the first `npm start` when Go is here and no
// MONGODB_URI is set, so the first start does not wait for the build. It never fails the install:
// whatever goes wrong, the app chooses (and if need be builds) its database again at start.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const say = (line) => console.log(`postinstall: ${line}`);
const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'setup-ferretdb.sh');

function findGo() {
  if (process.env.GO) return process.env.GO;
  const found = spawnSync('sh', ['-c', 'command -v go'], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : undefined;
}

function main() {
  if (process.env.MONGODB_URI) return say('MONGODB_URI is set; no embedded database to build');
  if (process.env.NODE_ENV === 'production') return say('NODE_ENV=production; not building the development database');
  if (process.platform === 'win32') return say('on Windows FerretDB is built at first start (needs bash); skipping');
  const go = findGo();
  if (!go) return say('Go is not installed; the database is chosen at `npm start` (see docs/database.md)');
  say(`building the embedded FerretDB with ${go} ahead of the first start (progress every 10 s)`);
  const result = spawnSync('bash', [script], { stdio: 'inherit', env: { ...process.env, GO: go } });
  if (result.status !== 0) say(`the FerretDB build failed (exit ${result.status}); it is tried again at \`npm start\``);
}

try {
  main();
} catch (err) {
  say(`skipped: ${err instanceof Error ? err.message : String(err)}`);
}
