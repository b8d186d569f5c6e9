/**
 * Test helpers for the shared test database (started by backend/test/global-setup.ts).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { inject } from 'vitest';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../src/db/embedded-database.js';

/** Replaces the database name (path) of a mongodb:// or mongodb+srv:// URI, keeping the query string. */
export function withDatabaseName(uri: string, dbName: string): string {
  const match = /^(mongodb(?:\+srv)?:\/\/)([^/?]*)(\/[^?]*)?(\?.*)?$/.exec(uri);
  if (!match) throw new Error(`not a MongoDB connection string: ${uri}`);
  const [, scheme, hosts, , query = ''] = match;
  return `${scheme}${hosts}/${encodeURIComponent(dbName)}${query}`;
}

let fileDatabaseUri: string | undefined;

/**
 * URI of the shared test server with a database unique to the calling test file
 * (`t_<random hex>`; memoised per file since each test file has its own module
 * instance). Drop it in afterAll with `dropTestDatabase(uri)`.
 */
export function testDatabaseUri(): string {
  fileDatabaseUri ??= withDatabaseName(inject('mongoUri'), `t_${randomBytes(6).toString('hex')}`);
  return fileDatabaseUri;
}

/** Kind of the shared test server: 'mongodb-memory-server' | 'ferretdb' | 'external'. */
export function testDatabaseKind(): string {
  return inject('mongoKind');
}

/** Drops the database named in `uri` (no-op if it does not exist). */
export async function dropTestDatabase(uri: string): Promise<void> {
  const client = new mongoose.mongo.MongoClient(uri, { serverSelectionTimeoutMS: 10_000 });
  try {
    await client.connect();
    await client.db().dropDatabase();
  } finally {
    await client.close();
  }
}

export type OwnDatabase = EmbeddedDatabase & {
  dir: string;
  /** stops the server and deletes its temp dir */
  dispose(): Promise<void>;
};

/**
 * Starts a separate embedded server in its own temp dir, for tests that need to
 * stop()/restart() the database (outage tests). Call dispose() in afterAll.
 */
export async function startOwnDatabase(): Promise<OwnDatabase> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'telehealth-test-own-'));
  try {
    const db = await startEmbeddedDatabase({
      dataDir: dir,
      logger: { info: () => {}, warn: (obj, msg) => console.warn(`[test-db] ${msg ?? ''}`, obj) },
    });
    return Object.assign(db, {
      dir,
      async dispose() {
        try {
          await db.stop();
        } finally {
          await fs.rm(dir, { recursive: true, force: true });
        }
      },
    });
  } catch (err) {
    await fs.rm(dir, { recursive: true, force: true });
    throw err;
  }
}
