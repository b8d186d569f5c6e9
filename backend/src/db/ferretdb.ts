/**
 * FerretDB (SQLite backend) as the embedded database: where its binary is, building it with Go
 * through backend/scripts/setup-ferretdb.sh, and starting it as a supervised child process.
 */
import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import readline from 'node:readline';
import mongoose from 'mongoose';
import { backendRoot } from './backend-root.js';
import {
  errorMessage,
  findOnPath,
  hasExited,
  isExecutableFile,
  spawnServer,
  stopServer,
  type ServerProcess,
} from './child-process.js';
import type { EmbeddedDatabaseLogger } from './embedded-database.js';
import type { SupervisedRun } from './supervisor.js';

const READY_TIMEOUT_MS = 20_000;

/** FERRETDB_BINARY (documented configuration) or backend/.bin/ferretdb, where the setup script builds it. */
export function ferretBinaryPath(): string {
  if (process.env.FERRETDB_BINARY) return path.resolve(process.env.FERRETDB_BINARY);
  return path.join(backendRoot(), '.bin', process.platform === 'win32' ? 'ferretdb.exe' : 'ferretdb');
}

export function setupScriptPath(): string {
  return path.join(backendRoot(), 'scripts', 'setup-ferretdb.sh');
}

/** The Go toolchain: GO=/path/to/go, else `go` on PATH. */
export async function findGo(): Promise<string | undefined> {
  if (process.env.GO) return (await isExecutableFile(process.env.GO)) ? process.env.GO : undefined;
  return findOnPath('go');
}

/** Up to date = present and newer than the build script (which carries the patches). */
export async function ferretBinaryState(binary: string): Promise<'ready' | 'missing' | 'stale'> {
  if (!(await isExecutableFile(binary))) return 'missing';
  return statSync(binary).mtimeMs >= statSync(setupScriptPath()).mtimeMs ? 'ready' : 'stale';
}

/** Runs the setup script, passing each line it prints (its progress lines included) to the log. */
export async function buildFerret(binary: string, go: string, logger: EmbeddedDatabaseLogger): Promise<void> {
  const script = setupScriptPath();
  const child = spawn('bash', [script, '--force'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, GO: go, FERRETDB_BINARY: binary },
  });
  const lines: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    readline.createInterface({ input: stream }).on('line', (line) => {
      lines.push(line);
      logger.info({}, `database: ${line}`);
    });
  }
  const code = await new Promise<number | null>((resolve) => {
    child.once('error', () => resolve(-1));
    child.once('close', (exitCode) => resolve(exitCode));
  });
  if (code !== 0) throw new Error(`${script} failed (exit ${code}): ${lines.slice(-5).join(' | ')}`);
  if (!(await isExecutableFile(binary))) throw new Error(`${script} succeeded but ${binary} is missing`);
}

/** Starts FerretDB on a free loopback port; every later run uses the same port and data dir. */
export async function startFerret(
  binary: string,
  dataDir: string,
): Promise<{ uri: string; first: SupervisedRun; start: () => Promise<SupervisedRun> }> {
  // The port is picked by binding :0 and releasing it, so another process may take it in
  // between: try a few ports.
  let lastErr: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const start = () => runFerret(binary, dataDir, port);
    try {
      return { uri: uriFor(port), first: await start(), start };
    } catch (err) {
      lastErr = err;
      if (!/address already in use/i.test(errorMessage(err))) break;
    }
  }
  throw lastErr instanceof Error ? lastErr : new Error(String(lastErr));
}

const uriFor = (port: number) => `mongodb://127.0.0.1:${port}/`;

async function runFerret(binary: string, dataDir: string, port: number): Promise<SupervisedRun> {
  // -exit-on-stdin-eof: the server also stops when this process dies without running exit handlers (SIGKILL).
  const proc = spawnServer(binary, ['-listen', `127.0.0.1:${port}`, '-data', dataDir, '-exit-on-stdin-eof'], {
    ...process.env,
    DO_NOT_TRACK: '1',
    FERRETDB_TELEMETRY: 'disable',
  });
  try {
    await waitReady(proc, port);
  } catch (err) {
    await stopServer(proc);
    throw err;
  }
  return { pid: proc.child.pid, exited: proc.exited, stop: () => stopServer(proc) };
}

async function waitReady(proc: ServerProcess, port: number): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let lastError = '';
  while (Date.now() < deadline) {
    if (hasExited(proc)) {
      throw new Error(`FerretDB exited during startup (${await proc.exited}). stderr: ${proc.stderr().trim() || '(empty)'}`);
    }
    if (await tcpConnects(port)) {
      try {
        await pingOnce(uriFor(port));
        return;
      } catch (err) {
        lastError = errorMessage(err);
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(
    `FerretDB did not answer ping on port ${port} within ${READY_TIMEOUT_MS / 1000} s${lastError ? ` (last error: ${lastError})` : ''}. stderr: ${proc.stderr().trim()}`,
  );
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

function tcpConnects(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

async function pingOnce(uri: string): Promise<void> {
  const client = new mongoose.mongo.MongoClient(uri, {
    serverSelectionTimeoutMS: 2000,
    connectTimeoutMS: 2000,
    directConnection: true,
  });
  try {
    await client.connect();
    await client.db('admin').command({ ping: 1 });
  } finally {
    await client.close().catch(() => undefined);
  }
}
