/**
 * Vitest globalSetup: starts ONE embedded MongoDB-compatible server for the whole
 * test run (or uses MONGODB_URI when set) and provides its URI to tests via
 * `inject('mongoUri')` / `inject('mongoKind')`. See backend/test/database.ts.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../src/db/embedded-database.js';

declare module 'vitest' {
  export interface ProvidedContext {
    mongoUri: string;
    mongoKind: string;
  }
}

const logger = {
  info: (_obj: object, msg?: string) => console.info(`[test-db] ${msg ?? ''}`),
  warn: (_obj: object, msg?: string) => console.warn(`[test-db] ${msg ?? ''}`),
};

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env.MONGODB_URI;
  if (external) {
    project.provide('mongoUri', external);
    project.provide('mongoKind', 'external');
    logger.info({ kind: 'external' }, 'using MONGODB_URI for tests');
    return async () => {};
  }

  // Nothing downloads during tests (the test processes inherit this too); a mongod already on the
  // machine is still used. Set MONGOMS_RUNTIME_DOWNLOAD=true to let a run fetch one.
  process.env.MONGOMS_RUNTIME_DOWNLOAD ??= 'false';
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'telehealth-test-'));
  let db: EmbeddedDatabase;
  try {
    db = await startEmbeddedDatabase({ dataDir: dir, logger });
  } catch (err) {
    await fs.rm(dir, { recursive: true, force: true });
    throw err;
  }
  project.provide('mongoUri', db.uri);
  project.provide('mongoKind', db.kind);

  return async () => {
    try {
      await db.stop();
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  };
}
