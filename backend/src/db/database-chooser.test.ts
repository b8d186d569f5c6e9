import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { backendRoot, startEmbeddedDatabase } from './embedded-database.js';

/*
 * The chooser with this machine's real FerretDB and real Go, steered only through documented
 * configuration: MONGOMS_DOWNLOAD_MIRROR (where mongodb-memory-server would download from),
 * FERRETDB_BINARY, GO and PATH. There is no mongod here, so each run reaches the download step.
 */

const realFerret = path.join(backendRoot(), '.bin', 'ferretdb');
let dir: string;
let lines: string[];
const logger = {
  info: (_obj: object, msg?: string) => lines.push(msg ?? ''),
  warn: (_obj: object, msg?: string) => lines.push(msg ?? ''),
};

/** A loopback port nobody listens on: connecting is refused at once, like a host that is down. */
async function closedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'telehealth-chooser-'));
  lines = [];
  vi.stubEnv('MONGOMS_RUNTIME_DOWNLOAD', 'true');
  vi.stubEnv('MONGOMS_DOWNLOAD_MIRROR', `http://127.0.0.1:${await closedPort()}`);
  vi.stubEnv('MONGOMS_SYSTEM_BINARY', undefined);
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await fs.rm(dir, { recursive: true, force: true });
});

describe('choosing the embedded database', () => {
  it('moves on to FerretDB when the mongod download host does not answer', async () => {
    const db = await startEmbeddedDatabase({ dataDir: path.join(dir, 'db'), logger });
    try {
      expect(db.kind).toBe('ferretdb');
      expect(lines.join('\n')).toMatch(
        /the download host http:\/\/127\.0\.0\.1:\d+ is unreachable \(ECONNREFUSED\); trying FerretDB/,
      );
      expect(lines.at(-1)).toMatch(/^database: FerretDB is up \(pid \d+\) at mongodb:\/\/127\.0\.0\.1:\d+\//);
    } finally {
      await db.stop();
    }
  }, 10_000);

  it('with no download and no Go, stops with one message naming MONGODB_URI, Go and a mongod', async () => {
    vi.stubEnv('FERRETDB_BINARY', path.join(dir, 'empty', 'ferretdb'));
    vi.stubEnv('GO', undefined);
    vi.stubEnv('PATH', '/usr/bin:/bin');
    const started = startEmbeddedDatabase({ dataDir: path.join(dir, 'db'), logger });
    await expect(started).rejects.toThrow(/^No database to start/);
    const message = await started.catch((err: Error) => err.message);
    expect(message).toMatch(/the mongod download host http:\/\/127\.0\.0\.1:\d+ is unreachable \(ECONNREFUSED\)/);
    expect(message).toMatch(/FerretDB is not built yet .*, and Go is not installed/);
    expect(message).toMatch(/set MONGODB_URI=/);
    expect(message).toMatch(/install Go 1\.24\+/);
    expect(message).toMatch(/install a mongod/);
    expect(lines).toContain(
      'database: FerretDB is not built yet (' + path.join(dir, 'empty', 'ferretdb') + '), and there is no Go to build it with',
    );
  }, 10_000);

  it('builds FerretDB when it is missing and Go is here, printing progress while the build is silent', async () => {
    // A stand-in for `go` whose build is silent for 11 s and produces this machine's FerretDB,
    // so the real setup script runs (patches included) without a 2-minute compile.
    const source = path.join(dir, 'ferretdb-module');
    await fs.mkdir(path.join(source, 'internal/backends/sqlite/metadata'), { recursive: true });
    await fs.writeFile(
      path.join(source, 'internal/backends/sqlite/metadata/metadata.go'),
      `IDColumn = DefaultColumn + "->'$._id'"\n`,
    );
    await fs.writeFile(
      path.join(source, 'internal/backends/sqlite/collection.go'),
      'if params.Filter.Len() == 1 {\nif params.Filter.Len() == 1 {\n',
    );
    const go = path.join(dir, 'go');
    await fs.writeFile(
      go,
      [
        '#!/usr/bin/env bash',
        'case "$1" in',
        '  version) echo "go version go1.24-stand-in" ;;',
        `  list) echo "${source}" ;;`,
        `  build) while [[ $# -gt 0 ]]; do [[ $1 == -o ]] && out=$2; shift; done; sleep 11; cp "${realFerret}" "$out" ;;`,
        'esac',
      ].join('\n'),
      { mode: 0o755 },
    );
    vi.stubEnv('FERRETDB_BINARY', path.join(dir, 'bin', 'ferretdb'));
    vi.stubEnv('GO', go);
    const db = await startEmbeddedDatabase({ dataDir: path.join(dir, 'db'), logger });
    try {
      expect(db.kind).toBe('ferretdb');
      const output = lines.join('\n');
      expect(output).toMatch(
        /FerretDB is not built yet .*; building it with .*\/go \(1 to 3 minutes the first time; a progress line every 10 s\)/,
      );
      expect(output).toMatch(/database: setup-ferretdb: still building FerretDB \(1\d s\) \.\.\./);
      expect(output).toMatch(/database: setup-ferretdb: built .*\/bin\/ferretdb in \d+ s/);
    } finally {
      await db.stop();
    }
  }, 30_000);
});
