import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sleep } from './wait.js';

/*
 * The backend as a real process, for the tests that need what one process cannot show: two
 * instances side by side, SIGKILL and SIGTERM, the production start from compiled JavaScript.
 */

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const TEST_ORIGIN = 'http://localhost:5173';

/** A port nobody listens on now, for a server that must know its own address before it starts. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });
}

// tsx reads the contract from source, like the tests do, whether or not shared/dist is fresh.
let tsconfigPath: string | undefined;
function sourceTsconfig(): string {
  if (tsconfigPath) return tsconfigPath;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'telehealth-child-'));
  tsconfigPath = path.join(dir, 'tsconfig.json');
  fs.writeFileSync(
    tsconfigPath,
    JSON.stringify({ compilerOptions: { baseUrl: repoRoot, paths: { '@telehealth/shared': ['shared/src/index.ts'] } } }),
  );
  return tsconfigPath;
}

export interface ChildBackend {
  port: number;
  url: string;
  process: ChildProcess;
  /** what the process printed to stdout so far */
  output(): string;
  /** what it printed to stderr so far (also passed through to this process's stderr) */
  errorOutput(): string;
  /** resolves with the exit code once the process has ended by itself or by stop() */
  exited: Promise<number | null>;
  /** sends a signal and resolves with the exit code (null when killed by the signal) */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export interface ChildBackendOptions {
  /** overrides; `undefined` removes a variable so the backend's own default applies */
  env: Record<string, string | undefined>;
  /** run backend/dist/server.js (production) instead of the TypeScript source through tsx */
  compiled?: boolean;
  port?: number;
  /** how long to wait for /api/health (default 40 s) */
  startTimeoutMs?: number;
}

export async function startChildBackend(options: ChildBackendOptions): Promise<ChildBackend> {
  const port = options.port ?? (await freePort());
  const args = options.compiled ? ['backend/dist/server.js'] : ['--import', 'tsx', 'backend/src/server.ts'];
  const env: Record<string, string | undefined> = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    NODE_ENV: 'test',
    SEED_DEMO: 'false',
    CORS_ORIGINS: TEST_ORIGIN,
    JWT_SECRET: 'child-backend-test-secret-long-enough-1234',
    LOG_LEVEL: 'silent',
    BCRYPT_ROUNDS: '4',
    SERVE_FRONTEND: 'false',
    ...(options.compiled ? {} : { TSX_TSCONFIG_PATH: sourceTsconfig() }),
    ...options.env,
  };
  for (const [name, value] of Object.entries(env)) if (value === undefined) delete env[name];
  const child = spawn(process.execPath, args, { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    process.stderr.write(chunk);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  for (let waited = 0; ; waited += 100) {
    if (child.exitCode !== null) throw new Error(`the backend exited with ${child.exitCode}:\n${stdout}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (waited > (options.startTimeoutMs ?? 40_000)) throw new Error(`the backend did not start:\n${stdout}`);
    await sleep(100);
  }
  return {
    port,
    url,
    process: child,
    output: () => stdout,
    errorOutput: () => stderr,
    exited,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** Signs in through the API and returns the `jwt=...` cookie. */
export async function loginTo(url: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-requested-with': 'XMLHttpRequest' },
    body: JSON.stringify({ email, password }),
  });
  const cookie = response.headers.getSetCookie().find((line) => line.startsWith('jwt='));
  if (!cookie) throw new Error(`login failed: ${response.status}`);
  return cookie.split(';')[0]!;
}

/** A real redis-server on a free loopback port, with nothing written to disk. */
export async function startRedis(): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('error', () => undefined);
  for (let waited = 0; ; waited += 100) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = net
        .connect(port, '127.0.0.1', () => resolve(socket.end() !== undefined))
        .once('error', () => resolve(false));
    });
    if (open) break;
    if (child.exitCode !== null || waited > 10_000) throw new Error('redis-server did not start (apt-get install redis-server)');
    await sleep(100);
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
