import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startChildBackend } from './child-backend.js';

/* What a developer reads on `npm start` without MONGODB_URI, and what a log collector reads in production. */

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'telehealth-logs-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const start = (format: string | undefined) =>
  startChildBackend({
    env: { MONGODB_URI: undefined, DATA_DIR: dir, MONGOMS_RUNTIME_DOWNLOAD: 'false', LOG_LEVEL: 'info', LOG_FORMAT: format },
  });

describe('start-up logs', () => {
  it('outside production, print one readable line per database step', async () => {
    const app = await start(undefined);
    await app.stop();
    const lines = app
      .output()
      .split('\n')
      .filter((line) => line.includes('database: '));
    expect(lines.map((line) => line.replace(/^\[[\d:]+\] /, ''))).toEqual([
      'INFO: database: MONGODB_URI is not set; choosing an embedded database (a local mongod, a downloaded mongod, then FerretDB)',
      'INFO: database: no mongod on this machine, and downloading one is switched off (MONGOMS_RUNTIME_DOWNLOAD=false); trying FerretDB',
      expect.stringMatching(/^INFO: database: starting FerretDB \S+ferretdb with data in \S+$/),
      expect.stringMatching(
        /^INFO: database: FerretDB is up \(pid \d+\) at mongodb:\/\/127\.0\.0\.1:\d+\/; it is restarted if it dies$/,
      ),
    ]);
    expect(app.output()).not.toMatch(/^\{/m);
  }, 60_000);

  it('with LOG_FORMAT=json (the production default), print JSON lines only', async () => {
    const app = await start('json');
    await app.stop();
    const lines = app.output().trim().split('\n');
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) expect(() => JSON.parse(line), line).not.toThrow();
    expect(lines.map((line) => (JSON.parse(line) as { msg: string }).msg)).toContain(
      'database: MONGODB_URI is not set; choosing an embedded database (a local mongod, a downloaded mongod, then FerretDB)',
    );
  }, 60_000);
});
