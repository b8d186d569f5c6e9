/**
 * Embedded MongoDB-compatible database for development and tests.
 *
 * Prefers a real `mongod` via mongodb-memory-server (when a binary is available
 * locally — never downloads unless MONGOMS_DOWNLOAD=1), otherwise falls back to
 * FerretDB (SQLite backend) built from backend/tools/ferretdb by
 * backend/scripts/setup-ferretdb.sh into backend/.bin/ferretdb.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { constants as fsConstants, existsSync, readFileSync, statSync } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import mongoose from 'mongoose';

export type EmbeddedKind = 'mongodb-memory-server' | 'ferretdb';

export interface EmbeddedDatabase {
  kind: EmbeddedKind;
  uri: string;
  /** stops the server, keeping data */
  stop(): Promise<void>;
  /** starts it again on the same port and data dir (used by outage tests) */
  restart(): Promise<void>;
}

export interface EmbeddedDatabaseLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

export interface StartEmbeddedDatabaseOptions {
  dataDir: string;
  logger?: EmbeddedDatabaseLogger;
}

const READY_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 10_000;
const BACKEND_PACKAGE_NAME = '@telehealth/backend';

const consoleLogger: EmbeddedDatabaseLogger = {
  info: (obj, msg) => console.info(`[embedded-db] ${msg ?? ''}`, obj),
  warn: (obj, msg) => console.warn(`[embedded-db] ${msg ?? ''}`, obj),
};

/** Nearest ancestor of this file whose package.json is @telehealth/backend (works from src/ and dist/). */
export function backendRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkgPath = path.join(dir, 'package.json');
    if (existsSync(pkgPath)) {
      try {
        const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as { name?: unknown };
        if (pkg.name === BACKEND_PACKAGE_NAME) return dir;
      } catch {
        // unreadable package.json: keep walking up
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new Error(
        `embedded-database: could not find the ${BACKEND_PACKAGE_NAME} package root above ${fileURLToPath(import.meta.url)}`,
      );
    }
    dir = parent;
  }
}

export async function startEmbeddedDatabase(options: StartEmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  const logger = options.logger ?? consoleLogger;
  const dataDir = path.resolve(options.dataDir);
  await fs.mkdir(dataDir, { recursive: true });

  const problems: string[] = [];

  const mongod = await findMongodBinary();
  if (mongod) {
    try {
      const db = await startMemoryServer(dataDir, mongod.binary);
      logger.info({ kind: db.kind, reason: mongod.reason, uri: db.uri, dataDir }, 'embedded database started');
      return db;
    } catch (err) {
      const message = errorMessage(err);
      problems.push(`mongodb-memory-server (${mongod.reason}) failed: ${message}`);
      logger.warn(
        { kind: 'mongodb-memory-server', reason: mongod.reason, err: message },
        'mongodb-memory-server failed to start; trying FerretDB',
      );
    }
  } else {
    problems.push('no mongod binary (MONGOMS_SYSTEM_BINARY unset, no mongod on PATH, none cached in ~/.cache/mongodb-binaries)');
  }

  try {
    const { binary, built } = await ensureFerretBinary(logger);
    const reason = mongod
      ? 'mongod failed to start; using FerretDB (SQLite)'
      : `no mongod binary available; using FerretDB (SQLite)${built ? ', freshly built' : ''}`;
    const db = await startFerret(binary, dataDir);
    logger.info({ kind: db.kind, reason, uri: db.uri, dataDir, binary }, 'embedded database started');
    return db;
  } catch (err) {
    problems.push(`FerretDB failed: ${errorMessage(err)}`);
  }

  throw new Error(
    'Could not start an embedded database.\n' +
      problems.map((p) => `  - ${p}`).join('\n') +
      '\nTo fix, do one of:\n' +
      '  - install Go 1.24+ (https://go.dev/dl/) and run `npm run db:setup` to build FerretDB into backend/.bin/ferretdb;\n' +
      '  - set MONGOMS_SYSTEM_BINARY=/path/to/mongod (or put `mongod` on PATH, or set MONGOMS_DOWNLOAD=1 to let mongodb-memory-server download one);\n' +
      '  - set MONGODB_URI=mongodb://host:port/ to use an existing MongoDB server.',
  );
}

// ---------------------------------------------------------------------------
// mongodb-memory-server

interface MongodChoice {
  /** undefined = let mongodb-memory-server resolve/download it itself */
  binary: string | undefined;
  reason: string;
}

async function findMongodBinary(): Promise<MongodChoice | undefined> {
  const fromEnv = process.env.MONGOMS_SYSTEM_BINARY;
  if (fromEnv) {
    return { binary: fromEnv, reason: `MONGOMS_SYSTEM_BINARY=${fromEnv}` };
  }
  const onPath = await findOnPath('mongod');
  if (onPath) {
    return { binary: onPath, reason: `mongod found on PATH at ${onPath}` };
  }
  const cached = await findCachedMongod();
  if (cached) {
    return { binary: cached, reason: `cached mongod binary ${cached}` };
  }
  if (process.env.MONGOMS_DOWNLOAD === '1') {
    return { binary: undefined, reason: 'MONGOMS_DOWNLOAD=1 (mongodb-memory-server may download mongod)' };
  }
  return undefined;
}

async function isExecutableFile(file: string): Promise<boolean> {
  try {
    await fs.access(file, fsConstants.X_OK);
    return (await fs.stat(file)).isFile();
  } catch {
    return false;
  }
}

async function findOnPath(name: string): Promise<string | undefined> {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    if (await isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}

/** Looks for mongod binaries already downloaded by mongodb-memory-server (no network). */
async function findCachedMongod(): Promise<string | undefined> {
  const dirs = [
    process.env.MONGOMS_DOWNLOAD_DIR,
    path.join(os.homedir(), '.cache', 'mongodb-binaries'),
    path.join(backendRoot(), '..', 'node_modules', '.cache', 'mongodb-memory-server'),
    path.join(backendRoot(), 'node_modules', '.cache', 'mongodb-memory-server'),
  ].filter((d): d is string => Boolean(d));
  const found: { file: string; mtime: number }[] = [];
  for (const dir of dirs) {
    let entries: string[];
    try {
      entries = await fs.readdir(dir);
    } catch {
      continue;
    }
    for (const entry of entries) {
      if (!/^mongod(-|$)/.test(entry)) continue;
      const file = path.join(dir, entry);
      if (await isExecutableFile(file)) found.push({ file, mtime: statSync(file).mtimeMs });
    }
  }
  found.sort((a, b) => b.mtime - a.mtime);
  return found[0]?.file;
}

async function startMemoryServer(dataDir: string, binary: string | undefined): Promise<EmbeddedDatabase> {
  const { MongoMemoryServer } = await import('mongodb-memory-server');
  const server = new MongoMemoryServer({
    instance: { dbPath: dataDir, storageEngine: 'wiredTiger', ip: '127.0.0.1' },
    binary: binary ? { systemBinary: binary } : {},
  });
  await server.start();
  const uri = server.getUri();
  let running = true;
  return {
    kind: 'mongodb-memory-server',
    uri,
    async stop() {
      if (!running) return;
      running = false;
      await server.stop({ doCleanup: false });
    },
    async restart() {
      if (running) await server.stop({ doCleanup: false });
      await server.start(true);
      running = true;
    },
  };
}

// ---------------------------------------------------------------------------
// FerretDB

function ferretPaths(): { binary: string; setupScript: string } {
  const root = backendRoot();
  return {
    binary: path.join(root, '.bin', process.platform === 'win32' ? 'ferretdb.exe' : 'ferretdb'),
    setupScript: path.join(root, 'scripts', 'setup-ferretdb.sh'),
  };
}

async function ensureFerretBinary(logger: EmbeddedDatabaseLogger): Promise<{ binary: string; built: boolean }> {
  const { binary, setupScript } = ferretPaths();
  // A binary older than the script was built without its current patches: build it again.
  const present = await isExecutableFile(binary);
  if (present && statSync(binary).mtimeMs >= statSync(setupScript).mtimeMs) return { binary, built: false };

  logger.info({ setupScript }, `FerretDB binary ${present ? 'older than its build script' : 'missing'}; building it (first build takes a minute or two)`);
  const output = await new Promise<string>((resolve, reject) => {
    execFile('bash', [setupScript], { maxBuffer: 16 * 1024 * 1024, timeout: 15 * 60_000 }, (err, stdout, stderr) => {
      const out = `${stdout}${stderr}`.trim();
      if (err) reject(new Error(`${setupScript} failed: ${out || err.message}`));
      else resolve(out);
    });
  });
  logger.info({ output }, 'FerretDB build finished');
  if (!(await isExecutableFile(binary))) {
    throw new Error(`${setupScript} succeeded but ${binary} is missing`);
  }
  return { binary, built: true };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => (port ? resolve(port) : reject(new Error('could not allocate a port'))));
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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface FerretProcess {
  child: ChildProcess;
  exited: Promise<void>;
  stderr: () => string;
}

/** Kills any still-running FerretDB children when the node process exits. */
const liveChildren = new Set<ChildProcess>();
let exitHookInstalled = false;
function trackChild(child: ChildProcess): void {
  liveChildren.add(child);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', () => {
      for (const c of liveChildren) {
        try {
          c.kill('SIGKILL');
        } catch {
          // already gone
        }
      }
    });
  }
}

function spawnFerret(binary: string, port: number, dataDir: string): FerretProcess {
  // -exit-on-stdin-eof: the server also stops if this process dies without running exit handlers (SIGKILL).
  const child = spawn(binary, ['-listen', `127.0.0.1:${port}`, '-data', dataDir, '-exit-on-stdin-eof'], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, DO_NOT_TRACK: '1', FERRETDB_TELEMETRY: 'disable' },
  });
  trackChild(child);
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-8000);
  });
  child.stdout?.resume(); // the "ready ..." line is informational; readiness is probed below
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      liveChildren.delete(child);
      resolve();
    });
    child.once('error', (err) => {
      stderr += `\nspawn error: ${err.message}`;
      liveChildren.delete(child);
      resolve();
    });
  });
  return { child, exited, stderr: () => stderr };
}

async function waitReady(proc: FerretProcess, port: number, uri: string): Promise<void> {
  let exited = false;
  void proc.exited.then(() => {
    exited = true;
  });
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let lastError = '';
  while (Date.now() < deadline) {
    if (exited) {
      throw new Error(
        `FerretDB exited during startup (code ${proc.child.exitCode}, signal ${proc.child.signalCode}). stderr:\n${proc.stderr().trim()}`,
      );
    }
    if (await tcpConnects(port)) {
      try {
        await pingOnce(uri);
        return;
      } catch (err) {
        lastError = errorMessage(err);
      }
    }
    await sleep(100);
  }
  throw new Error(
    `FerretDB did not answer ping on ${uri} within ${READY_TIMEOUT_MS / 1000}s` +
      (lastError ? ` (last error: ${lastError})` : '') +
      `. stderr:\n${proc.stderr().trim()}`,
  );
}

async function stopProcess(proc: FerretProcess): Promise<void> {
  const { child } = proc;
  if (child.exitCode !== null || child.signalCode !== null) {
    await proc.exited;
    return;
  }
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  try {
    await proc.exited;
  } finally {
    clearTimeout(timer);
  }
}

async function startFerret(binary: string, dataDir: string): Promise<EmbeddedDatabase> {
  // The port is picked by binding :0 and releasing it, so another process may
  // grab it in between; retry a few times on early exit.
  let lastErr: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const uri = `mongodb://127.0.0.1:${port}/`;
    const proc = spawnFerret(binary, port, dataDir);
    try {
      await waitReady(proc, port, uri);
      return ferretHandle(binary, dataDir, port, uri, proc);
    } catch (err) {
      lastErr = err;
      await stopProcess(proc);
      if (!/address already in use/i.test(proc.stderr())) break;
    }
  }
  throw lastErr instanceof Error ? lastErr : new Error(String(lastErr));
}

function ferretHandle(binary: string, dataDir: string, port: number, uri: string, first: FerretProcess): EmbeddedDatabase {
  let current: FerretProcess | undefined = first;
  return {
    kind: 'ferretdb',
    uri,
    async stop() {
      const proc = current;
      current = undefined;
      if (proc) await stopProcess(proc);
    },
    async restart() {
      if (current) {
        await stopProcess(current);
        current = undefined;
      }
      const proc = spawnFerret(binary, port, dataDir);
      try {
        await waitReady(proc, port, uri);
      } catch (err) {
        await stopProcess(proc);
        throw err;
      }
      current = proc;
    },
  };
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
