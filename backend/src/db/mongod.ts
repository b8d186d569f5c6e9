/**
 * A real mongod as the embedded database, run by mongodb-memory-server: one already on this machine,
 * or one it downloads when its download host answers.
 */
import { statSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DryMongoBinary, MongoMemoryServer } from 'mongodb-memory-server';
// Not re-exported by mongodb-memory-server: the URL its download would use, and its own config
// reader (MONGOMS_* variables and package.json "config.mongodbMemoryServer").
import { MongoBinaryDownloadUrl } from 'mongodb-memory-server-core/lib/util/MongoBinaryDownloadUrl.js';
import { MongoMemoryServerStates } from 'mongodb-memory-server-core/lib/MongoMemoryServer.js';
import { MongoInstanceEvents } from 'mongodb-memory-server-core/lib/util/MongoInstance.js';
import { envToBool, resolveConfig, ResolveConfigVariables } from 'mongodb-memory-server-core/lib/util/resolveConfig.js';
import { backendRoot } from './backend-root.js';
import { findOnPath, isExecutableFile } from './child-process.js';
import type { SupervisedRun } from './supervisor.js';

const DOWNLOAD_CHECK_TIMEOUT_MS = 3_000;

/** A mongod already on this machine: MONGOMS_SYSTEM_BINARY, `mongod` on PATH, or one downloaded earlier. */
export async function findLocalMongod(): Promise<{ binary: string; where: string } | undefined> {
  const fromEnv = process.env.MONGOMS_SYSTEM_BINARY;
  if (fromEnv) return { binary: fromEnv, where: `MONGOMS_SYSTEM_BINARY=${fromEnv}` };
  const onPath = await findOnPath('mongod');
  if (onPath) return { binary: onPath, where: `on PATH at ${onPath}` };
  const cached = await findCachedMongod();
  return cached ? { binary: cached, where: `downloaded earlier to ${cached}` } : undefined;
}

async function findCachedMongod(): Promise<string | undefined> {
  const dirs = [
    process.env.MONGOMS_DOWNLOAD_DIR,
    path.join(os.homedir(), '.cache', 'mongodb-binaries'),
    path.join(backendRoot(), '..', 'node_modules', '.cache', 'mongodb-memory-server'),
    path.join(backendRoot(), 'node_modules', '.cache', 'mongodb-memory-server'),
  ].filter((dir): dir is string => Boolean(dir));
  const found: { file: string; mtime: number }[] = [];
  for (const dir of dirs) {
    const entries = await fs.readdir(dir).catch(() => [] as string[]);
    for (const entry of entries.filter((name) => /^mongod(-|$)/.test(name))) {
      const file = path.join(dir, entry);
      if (await isExecutableFile(file)) found.push({ file, mtime: statSync(file).mtimeMs });
    }
  }
  return found.sort((a, b) => b.mtime - a.mtime)[0]?.file;
}

/** False when MONGOMS_RUNTIME_DOWNLOAD=false (mongodb-memory-server's own switch). */
export function downloadAllowed(): boolean {
  return envToBool(resolveConfig(ResolveConfigVariables.RUNTIME_DOWNLOAD));
}

/** The URL mongodb-memory-server would download mongod from (honours MONGOMS_DOWNLOAD_MIRROR / _URL). */
export async function mongodDownloadUrl(): Promise<{ url: string; version: string }> {
  const options = await DryMongoBinary.generateOptions();
  return { url: await new MongoBinaryDownloadUrl(options).getDownloadUrl(), version: options.version };
}

/**
 * Asks the download host for the archive's headers, giving up after 3 s: an offline machine moves
 * on to FerretDB in seconds instead of waiting for the download's own (minutes long) timeouts.
 * Returns why it did not answer, or undefined when it did.
 */
export async function downloadHostProblem(url: string, timeoutMs = DOWNLOAD_CHECK_TIMEOUT_MS): Promise<string | undefined> {
  try {
    const response = await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(timeoutMs) });
    return response.ok ? undefined : `it answered ${response.status}`;
  } catch (err) {
    if (err instanceof Error && err.name === 'TimeoutError') return `no answer within ${timeoutMs / 1000} s`;
    // fetch wraps the socket error: "fetch failed", cause ECONNREFUSED / ENOTFOUND (or several, for IPv4 + IPv6).
    const cause = (err as { cause?: { code?: string; message?: string; errors?: { code?: string }[] } }).cause;
    return cause?.code ?? cause?.errors?.[0]?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err));
  }
}

/** Starts mongod (downloading it first when `binary` is undefined); later runs use the same port and data. */
export async function startMongod(
  dataDir: string,
  binary: string | undefined,
): Promise<{ uri: string; first: SupervisedRun; start: () => Promise<SupervisedRun> }> {
  const server = new MongoMemoryServer({
    instance: { dbPath: dataDir, storageEngine: 'wiredTiger', ip: '127.0.0.1' },
    binary: binary ? { systemBinary: binary } : {},
  });
  const run = (): SupervisedRun => {
    const instance = server.instanceInfo?.instance;
    return {
      pid: instance?.mongodProcess?.pid,
      exited: new Promise((resolve) =>
        instance?.once(MongoInstanceEvents.instanceClosed, (code: number | null, signal: string | null) =>
          resolve(signal ? `signal ${signal}` : `exit code ${code}`),
        ),
      ),
      stop: () => server.stop({ doCleanup: false }).then(() => undefined),
    };
  };
  await server.start();
  return {
    uri: server.getUri(),
    first: run(),
    async start() {
      // After a crash mongodb-memory-server still thinks it is running; settle its state first.
      if (server.state === MongoMemoryServerStates.running) await server.stop({ doCleanup: false }).catch(() => undefined);
      await server.start(true);
      return run();
    },
  };
}
