import http from 'node:http';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer, type TestUser } from '../../../test/test-server.js';
import { PNG } from '../../../test/files.js';

let server: TestServer;

beforeAll(async () => {
  // Short time limits so a trickle is cut off quickly; two uploads at once per user.
  server = await startTestServer({
    MAX_UPLOAD_MB: '1',
    UPLOAD_IDLE_SECONDS: '1',
    UPLOAD_TOTAL_SECONDS: '4',
    UPLOADS_PER_USER: '2',
  });
});
afterAll(async () => {
  await server?.stop();
});

let sequence = 0;
const clientId = () => `guarded-${Date.now().toString(36)}-${(sequence += 1)}`;
const storedFiles = () => mongoose.connection.db!.collection('files.files').countDocuments();

const consultedPair = () => server.consultedPair();

function upload(from: TestUser, to: TestUser, file: Buffer, filename: string) {
  return server.request
    .post(`/api/messages/${to.id}`)
    .set('Cookie', from.cookie)
    .field('clientId', clientId())
    .attach('file', file, { filename, contentType: 'image/png' });
}

interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * An upload written by hand, so the test decides when (and whether) the body is sent: it declares
 * `declaredBytes` but sends only the multipart head and what `write` adds. `answer` settles with
 * the server's response, or with null if the connection ends without one.
 */
function openUpload(from: TestUser, to: TestUser, declaredBytes: number) {
  const boundary = 'raw-upload-boundary';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="clientId"\r\n\r\n${clientId()}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.png"\r\nContent-Type: image/png\r\n\r\n`,
  );
  const request = http.request(`${server.url}/api/messages/${to.id}`, {
    method: 'POST',
    headers: {
      cookie: from.cookie,
      'x-requested-with': 'XMLHttpRequest',
      'content-type': `multipart/form-data; boundary=${boundary}`,
      'content-length': String(head.length + declaredBytes),
    },
  });
  const answer = new Promise<RawAnswer | null>((resolve) => {
    request.on('response', (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
      response.on('error', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    request.on('error', () => resolve(null));
    request.on('close', () => setTimeout(() => resolve(null), 100));
  });
  request.write(head);
  request.write(PNG);
  return { answer, write: (bytes: Buffer) => request.write(bytes), destroy: () => request.destroy() };
}

/** How many upload slots the server would give this user now (each taken and handed straight back). */
function freeSlots(user: TestUser): number {
  const taken: { release: () => void }[] = [];
  for (;;) {
    const slot = server.context.uploadSlots.acquire(user.id);
    if ('refusal' in slot) break;
    taken.push(slot);
  }
  for (const slot of taken) slot.release();
  return taken.length;
}

/** The answer if it comes before `ms`, else 'still waiting' (the server is still reading). */
const answerWithin = (answer: Promise<RawAnswer | null>, ms: number) =>
  Promise.race([answer, new Promise<'still waiting'>((resolve) => setTimeout(() => resolve('still waiting'), ms))]);

describe('uploads are refused before they are read', () => {
  it('answers 403 to a sender who may not message the receiver while the client is still sending', async () => {
    const patient = await server.createUser('patient');
    const stranger = await server.createUser('doctor');
    const filesBefore = await storedFiles();
    // 10 MB declared, 64 KB sent: the answer must not wait for the rest.
    const upload = openUpload(patient, stranger, 10 * 1024 * 1024);
    upload.write(Buffer.alloc(64 * 1024));
    const answer = await answerWithin(upload.answer, 5_000);
    upload.destroy();
    expect(answer).not.toBe('still waiting');
    expect(answer).toMatchObject({ status: 403 });
    expect(JSON.parse((answer as RawAnswer).body).error.code).toBe('FORBIDDEN');
    expect(await storedFiles()).toBe(filesBefore);
  });

  it("refuses a third upload at once with 429 and Retry-After while the user's two others run", async () => {
    const { patient, doctor } = await consultedPair();
    const running = [openUpload(patient, doctor, 500_000), openUpload(patient, doctor, 500_000)];
    // Both slots are the server's once each upload has passed its guard.
    await expect.poll(() => freeSlots(patient)).toBe(0);
    const third = await upload(patient, doctor, PNG, 'third.png');
    for (const other of running) other.destroy();
    expect(third.status).toBe(429);
    expect(third.headers['retry-after']).toMatch(/^\d+$/);
    expect(third.body.error.code).toBe('RATE_LIMITED');
    // Slots come back when those uploads end.
    await expect.poll(() => freeSlots(patient)).toBe(2);
    expect((await upload(patient, doctor, PNG, 'later.png')).status).toBe(201);
  });

  it('cuts off an upload that goes quiet (idle limit) with 408, storing nothing', async () => {
    const { patient, doctor } = await consultedPair();
    const filesBefore = await storedFiles();
    const quiet = openUpload(patient, doctor, 500_000);
    const answer = await answerWithin(quiet.answer, 8_000);
    quiet.destroy();
    expect(answer).toMatchObject({ status: 408 });
    expect(JSON.parse((answer as RawAnswer).body).error.code).toBe('REQUEST_TIMEOUT');
    // The server let go of the upload (its slot is back): cut off before the end, it stores nothing.
    await expect.poll(() => freeSlots(patient)).toBe(2);
    expect(await storedFiles()).toBe(filesBefore);
  });

  it('cuts off an upload that trickles a byte at a time past the total limit', async () => {
    const { patient, doctor } = await consultedPair();
    const filesBefore = await storedFiles();
    const trickle = openUpload(patient, doctor, 500_000);
    const drip = setInterval(() => trickle.write(Buffer.alloc(1)), 300);
    const answer = await answerWithin(trickle.answer, 12_000);
    clearInterval(drip);
    trickle.destroy();
    expect(answer).toMatchObject({ status: 408 });
    // The server let go of the upload (its slot is back): cut off before the end, it stores nothing.
    await expect.poll(() => freeSlots(patient)).toBe(2);
    expect(await storedFiles()).toBe(filesBefore);
  });
});
