import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { describe, it, expect } from 'vitest';
import { dropTestDatabase, startOwnDatabase, testDatabaseKind, testDatabaseUri } from '../../test/database.js';
import { backendRoot, startEmbeddedDatabase } from './embedded-database.js';

interface LogEntry {
  level: 'info' | 'warn';
  obj: Record<string, unknown>;
  msg?: string;
}

function recordingLogger() {
  const entries: LogEntry[] = [];
  return {
    entries,
    logger: {
      info: (obj: object, msg?: string) => entries.push({ level: 'info', obj: obj as Record<string, unknown>, msg }),
      warn: (obj: object, msg?: string) => entries.push({ level: 'warn', obj: obj as Record<string, unknown>, msg }),
    },
  };
}

async function withClient<T>(
  uri: string,
  fn: (client: InstanceType<typeof mongoose.mongo.MongoClient>) => Promise<T>,
  serverSelectionTimeoutMS = 10_000,
): Promise<T> {
  const client = new mongoose.mongo.MongoClient(uri, { serverSelectionTimeoutMS });
  try {
    await client.connect();
    return await fn(client);
  } finally {
    await client.close();
  }
}

describe('embedded database', () => {
  it('finds the backend package root from its own location', async () => {
    const pkg = JSON.parse(await fs.readFile(path.join(backendRoot(), 'package.json'), 'utf8')) as { name: string };
    expect(pkg.name).toBe('@telehealth/backend');
  });

  it('starts, logs its kind, and keeps data across stop() + restart()', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'telehealth-embedded-'));
    const { entries, logger } = recordingLogger();
    const db = await startEmbeddedDatabase({ dataDir: dir, logger });
    try {
      expect(['mongodb-memory-server', 'ferretdb']).toContain(db.kind);
      expect(db.uri).toMatch(/^mongodb:\/\/127\.0\.0\.1:\d+\//);

      expect(entries.at(-1)?.msg, JSON.stringify(entries)).toMatch(/^database: (FerretDB|mongod) is up \(pid \d+\) at mongodb:/);
      expect(db.pid()).toBeGreaterThan(0);

      await withClient(db.uri, async (client) => {
        await client
          .db('persist')
          .collection('notes')
          .insertOne({ _id: 'n1' as never, text: 'survives restart' });
      });

      await db.stop();
      // While stopped, nothing answers.
      await expect(withClient(db.uri, (c) => c.db('admin').command({ ping: 1 }), 500)).rejects.toThrow();
      await db.stop(); // idempotent

      await db.restart();
      const doc = await withClient(db.uri, (client) =>
        client
          .db('persist')
          .collection('notes')
          .findOne({ _id: 'n1' as never }),
      );
      expect(doc?.text).toBe('survives restart');
    } finally {
      await db.stop();
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('a client kept open across an outage works again after restart()', async () => {
    const db = await startOwnDatabase();
    const client = new mongoose.mongo.MongoClient(db.uri, { serverSelectionTimeoutMS: 15_000 });
    try {
      await client.connect();
      const col = client.db('outage').collection<{ n: number }>('counters');
      await col.insertOne({ n: 1 });

      await db.stop();
      await expect(
        client.db('outage').collection('counters').countDocuments({}, { maxTimeMS: 500, timeoutMS: 1000 }),
      ).rejects.toThrow();

      await db.restart();
      await col.insertOne({ n: 2 });
      expect(await col.countDocuments()).toBe(2);
    } finally {
      await client.close();
      await db.dispose();
    }
  });

  it('concurrent conditional updates have exactly one winner and $inc loses nothing (shared test db)', async () => {
    const uri = testDatabaseUri();
    const clients = await Promise.all(
      Array.from({ length: 3 }, () => new mongoose.mongo.MongoClient(uri, { serverSelectionTimeoutMS: 10_000 }).connect()),
    );
    const col = (i: number) => clients[i % clients.length]!.db().collection<{ _id: number; status: string; n: number }>('race');
    try {
      for (let round = 0; round < 5; round++) {
        await col(0).insertOne({ _id: round, status: 'pending', n: 0 });
        const results = await Promise.all(
          Array.from({ length: 8 }, (_, i) =>
            col(i).findOneAndUpdate({ _id: round, status: 'pending' }, { $set: { status: 'taken' } }),
          ),
        );
        expect(results.filter(Boolean)).toHaveLength(1);
      }
      await Promise.all(Array.from({ length: 30 }, (_, i) => col(i).updateOne({ _id: 0 }, { $inc: { n: 1 } })));
      expect((await col(0).findOne({ _id: 0 }))?.n).toBe(30);
    } finally {
      await Promise.all(clients.map((c) => c.close()));
      await dropTestDatabase(uri);
    }
  });

  // FerretDB's SQLite backend indexed `_id` under one expression and looked it up under another,
  // and used the index only when `_id` was the whole filter: every update and delete by `_id`, and
  // every conditional write, scanned its table (40 ms to 0.8 s at 10,000 documents). The setup
  // script patches both (backend/scripts/setup-ferretdb.sh); explain shows what SQLite does.
  it.runIf(testDatabaseKind() === 'ferretdb')(
    'FerretDB reads one row for any filter with an _id equality, and still applies the rest',
    async () => {
      const uri = testDatabaseUri();
      try {
        await withClient(uri, async (client) => {
          const db = client.db();
          const notes = db.collection<{ _id: InstanceType<typeof mongoose.mongo.ObjectId>; status: string; n: number }>(
            'lookups',
          );
          const _id = new mongoose.mongo.ObjectId();
          await notes.insertMany([
            { _id, status: 'waiting', n: 1 },
            { _id: new mongoose.mongo.ObjectId(), status: 'waiting', n: 2 },
          ]);
          for (const filter of [{ _id }, { _id, status: 'waiting' }]) {
            const explained = await db.command({ explain: { find: 'lookups', filter } });
            const plan = (explained.queryPlanner as { Plan: string[] }).Plan.join('\n');
            expect(plan, JSON.stringify(filter)).toMatch(/USING INDEX \S+__id_/);
            expect(plan, JSON.stringify(filter)).not.toMatch(/\bSCAN\b/);
          }
          // The conditions besides _id still decide: a mismatch finds, changes and deletes nothing.
          expect(await notes.findOne({ _id, status: 'active' })).toBeNull();
          expect((await notes.updateOne({ _id, status: 'active' }, { $set: { n: 9 } })).matchedCount).toBe(0);
          expect(await notes.findOneAndUpdate({ _id, status: 'active' }, { $set: { n: 9 } })).toBeNull();
          expect((await notes.deleteOne({ _id, status: 'active' })).deletedCount).toBe(0);
          expect(await notes.countDocuments({ _id, status: 'active' })).toBe(0);
          expect(
            (
              await notes.findOneAndUpdate(
                { _id, status: 'waiting' },
                { $set: { status: 'active' } },
                { returnDocument: 'after' },
              )
            )?.status,
          ).toBe('active');
          expect(await notes.find({}, { sort: { n: 1 } }).toArray()).toMatchObject([
            { _id, status: 'active', n: 1 },
            { status: 'waiting', n: 2 },
          ]);
        });
      } finally {
        await dropTestDatabase(uri);
      }
    },
  );
});
