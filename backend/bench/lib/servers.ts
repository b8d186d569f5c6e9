import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../test/child-backend.js';
import { cpuSeconds, rssMb } from './proc.js';
import { benchDir, repoRoot } from './paths.js';
import { sleep } from './stats.js';

export const BENCH_JWT_SECRET = 'bench-secret-long-enough-for-hs256-0123456789';

/** A server under test, running as its own process so its CPU and memory can be read from /proc. */
export interface ServerProcess {
  kind: 'app' | 'baseline';
  url: string;
  /** the Origin clients send (the app checks it on every POST and handshake) */
  origin: string;
  pid: number;
  /** how it was started: compiled dist, or TypeScript through tsx */
  runtime: string;
  /** where the server's own log goes (warnings and errors) */
  logFile: string | undefined;
  cpuSeconds(): number;
  rssMb(): number;
  stop(): Promise<void>;
}

/**
 * The compiled server is what production runs: `npm run bench` runs `npm run build` first (every
 * workspace: the call and history scenarios need the built frontend), so dist is current;
 * `--source` runs the TypeScript through tsx instead.
 */
export function useCompiled(): boolean {
  return !process.argv.includes('--source') && fs.existsSync(path.join(repoRoot, 'backend/dist/server.js'));
}

let tsconfigPath: string | undefined;
/** tsx reads the contract from source (as in backend/test/child-backend.ts). */
function sourceTsconfig(): string {
  if (tsconfigPath) return tsconfigPath;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'telehealth-bench-'));
  tsconfigPath = path.join(dir, 'tsconfig.json');
  fs.writeFileSync(
    tsconfigPath,
    JSON.stringify({ compilerOptions: { baseUrl: repoRoot, paths: { '@telehealth/shared': ['shared/src/index.ts'] } } }),
  );
  return tsconfigPath;
}

async function waitHealthy(url: string, child: ChildProcess, healthPath: string): Promise<void> {
  for (let waited = 0; ; waited += 100) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}${healthPath}`)).ok) return;
    } catch {
      // not listening yet
    }
    if (waited > 60_000) throw new Error(`server at ${url} did not start`);
    await sleep(100);
  }
}

/** Servers still running, so a scenario that timed out can be stopped short (its code runs on). */
const running = new Set<ServerProcess>();

export async function stopAllServers(): Promise<void> {
  await Promise.all([...running].map((server) => server.stop()));
}

/** The last lines of a server's log, to show with an exit nobody asked for. */
function tail(logFile: string | undefined, lines = 20): string {
  if (!logFile || !fs.existsSync(logFile)) return '(no log file)';
  return fs.readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n') || '(log empty)';
}

function handle(
  kind: ServerProcess['kind'],
  child: ChildProcess,
  url: string,
  logFile: string | undefined,
  runtime: string,
): ServerProcess {
  let stopping = false;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      // A server that ends while a scenario still uses it makes every later request ECONNREFUSED:
      // say how it ended (a crash has a code and a stack in its log, a kill has a signal).
      if (!stopping)
        console.error(
          `[bench] ${kind} server pid ${child.pid} exited unexpectedly: code ${code}, signal ${signal}\n${tail(logFile)}`,
        );
      resolve();
    }),
  );
  const pid = child.pid!;
  const server: ServerProcess = {
    kind,
    url,
    origin: url,
    pid,
    runtime,
    logFile,
    cpuSeconds: () => cpuSeconds(pid),
    rssMb: () => rssMb(pid),
    async stop() {
      stopping = true;
      running.delete(server);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(killer);
    },
  };
  running.add(server);
  return server;
}

export interface AppOptions {
  mongoUri: string;
  serveFrontend?: boolean;
  /** write a V8 CPU profile into this directory when the server stops */
  cpuProfileDir?: string | undefined;
  env?: Record<string, string>;
}

/** The real backend: compiled `backend/dist/server.js` when it is up to date, else the source through tsx. */
export async function startApp(options: AppOptions): Promise<ServerProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const compiled = useCompiled();
  const profile = options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] : [];
  const args = compiled ? [...profile, 'backend/dist/server.js'] : [...profile, '--import', 'tsx', 'backend/src/server.ts'];
  const env: Record<string, string | undefined> = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    NODE_ENV: 'test',
    MONGODB_URI: options.mongoUri,
    SEED_DEMO: 'false',
    CORS_ORIGINS: url,
    JWT_SECRET: BENCH_JWT_SECRET,
    LOG_LEVEL: 'warn',
    // Logins in the bench come in bursts from one address; failures are what the limiter counts, and there are none.
    LOGIN_MAX_ATTEMPTS: '100000',
    SERVE_FRONTEND: options.serveFrontend ? 'true' : 'false',
    ...(compiled ? {} : { TSX_TSCONFIG_PATH: sourceTsconfig() }),
    ...options.env,
  };
  delete env.NODE_OPTIONS;
  const logFile = path.join(os.tmpdir(), `telehealth-bench-app-${port}.log`);
  const out = fs.openSync(logFile, 'w');
  const child = spawn(process.execPath, args, { cwd: repoRoot, env, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  await waitHealthy(url, child, '/api/health');
  return handle('app', child, url, logFile, compiled ? 'node backend/dist/server.js' : 'node --import tsx backend/src/server.ts');
}

/** The bare minimum (`baseline-server.ts`): Express + Socket.IO, one insertOne and one room emit. */
export async function startBaseline(mongoUri: string): Promise<ServerProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(benchDir, 'baseline-server.ts')], {
    cwd: repoRoot,
    env: { ...process.env, PORT: String(port), MONGODB_URI: mongoUri },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitHealthy(url, child, '/health');
  return handle('baseline', child, url, undefined, 'node --import tsx backend/bench/baseline-server.ts');
}
