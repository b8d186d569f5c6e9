import http from 'node:http';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config.js';
import { UserModel } from '../modules/users/user.model.js';
import { startServer, type RunningServer } from '../start-server.js';
import { dropTestDatabase, testDatabaseUri } from '../../test/database.js';
import { cookieFrom } from '../../test/test-server.js';
import { bodyBeingRead } from '../../test/wait.js';

/** Bad bodies are the client's fault: 4xx in the contract's shape, logged below warn, never a 500. */

interface LogLine {
  level: number;
  msg: string;
  err?: unknown;
}

const WARN = 40;
let server: RunningServer;
let logs: LogLine[] = [];
const mongoUri = testDatabaseUri();

beforeAll(async () => {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) logs.push(JSON.parse(line) as LogLine);
      done();
    },
  });
  const config = loadConfig({ NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', SEED_DEMO: 'false', BCRYPT_ROUNDS: '4' });
  server = await startServer(config, pino({ level: 'info' }, sink), { mongoUri });
});

afterAll(async () => {
  await server.close();
  await dropTestDatabase(mongoUri);
});

beforeEach(() => {
  logs = [];
});

interface RawAnswer {
  status: number;
  body: { error?: { code: string; message: string } };
}

/** A hand-made request, so headers and bytes are exactly what an attacker would send. */
function send(headers: Record<string, string>, body: Buffer, path = '/api/auth/login', method = 'POST'): Promise<RawAnswer> {
  const { port } = server;
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: '127.0.0.1', port, path, method, headers: { 'X-Requested-With': 'XMLHttpRequest', ...headers } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            body: JSON.parse(Buffer.concat(chunks).toString() || '{}') as RawAnswer['body'],
          }),
        );
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

const GARBAGE = Buffer.from('this is not compressed at all, not even a little bit');

function expectQuietLogs() {
  expect(logs.filter((line) => line.level >= WARN)).toEqual([]);
  expect(logs.some((line) => line.err !== undefined)).toBe(false);
}

describe('a body the server cannot read', () => {
  it('answers 400 for gzip that does not inflate', async () => {
    const answer = await send({ 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' }, GARBAGE);
    expect(answer).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION_FAILED' } } });
    expectQuietLogs();
  });

  it('answers 400 for brotli that does not decompress', async () => {
    const answer = await send({ 'Content-Type': 'application/json', 'Content-Encoding': 'br' }, GARBAGE);
    expect(answer).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION_FAILED' } } });
    expectQuietLogs();
  });

  it('answers 415 for a charset it does not speak', async () => {
    const answer = await send({ 'Content-Type': 'application/json; charset=ebcdic' }, Buffer.from('{}'));
    expect(answer).toMatchObject({ status: 415, body: { error: { code: 'UNSUPPORTED_FILE_TYPE' } } });
    expectQuietLogs();
  });

  it('answers 415 for a Content-Encoding it does not know', async () => {
    const answer = await send({ 'Content-Type': 'application/json', 'Content-Encoding': 'lzma' }, GARBAGE);
    expect(answer).toMatchObject({ status: 415, body: { error: { code: 'UNSUPPORTED_FILE_TYPE' } } });
    expectQuietLogs();
  });

  it('answers 400 for a body shorter than its Content-Length says', async () => {
    const answer = await send({ 'Content-Type': 'application/json', 'Content-Length': '2' }, Buffer.from('{"a":1}'));
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
    expectQuietLogs();
  });

  it('answers 400 for JSON that does not parse, as before', async () => {
    const answer = await send({ 'Content-Type': 'application/json' }, Buffer.from('{"email":'));
    expect(answer).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION_FAILED' } } });
    expectQuietLogs();
  });
});

async function signIn(): Promise<string> {
  const { hash } = server.context.passwords;
  const email = `aborter-${Date.now()}@test.local`;
  await UserModel.create({ name: 'Aborter', email, passwordHash: await hash('correct horse battery'), role: 'patient' });
  const { port } = server;
  const response = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'XMLHttpRequest' },
    body: JSON.stringify({ email, password: 'correct horse battery' }),
  });
  return cookieFrom({ headers: { 'set-cookie': response.headers.getSetCookie() } });
}

describe('a client that aborts an upload', () => {
  it('is logged at info, not as an error', async () => {
    const cookie = await signIn();
    logs = [];
    const reading = bodyBeingRead(server.httpServer, '/api/users/me/avatar');
    const boundary = 'xxBOUNDARYxx';
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="avatar"; filename="me.png"\r\nContent-Type: image/png\r\n\r\n`;
    const request = http.request({
      host: '127.0.0.1',
      port: server.port,
      path: '/api/users/me/avatar',
      method: 'PUT',
      headers: {
        'X-Requested-With': 'XMLHttpRequest',
        Cookie: cookie,
        'Content-Type': `multipart/form-data; boundary=${boundary}`,
        'Content-Length': String(head.length + 500_000),
      },
    });
    request.on('error', () => undefined);
    request.write(head);
    // A PNG signature and then the client disappears mid-file, as a closed laptop lid does.
    request.write(Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(20_000)]));
    await reading;
    request.destroy();
    await expect
      .poll(() => logs.map((line) => line.msg), { timeout: 3_000 })
      .toContain('the client went away before its request arrived');
    expectQuietLogs();
  });
});
