import http from 'node:http';
import type { Message } from '@telehealth/shared';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextEvent, startTestServer, type TestServer, type TestUser } from '../../../test/test-server.js';
import { PNG, PDF } from '../../../test/files.js';
import { bodyBeingRead, watchInfoLog } from '../../../test/wait.js';
import { MessageModel } from './message.model.js';

let server: TestServer;

beforeAll(async () => {
  // A small cap so "one byte too many" is a small upload; short time limits so a trickle is cut off quickly.
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

const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
const HTML = Buffer.from('<!doctype html><html><body><script>alert(document.cookie)</script></body></html>');
const SVG = Buffer.from(
  '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="1" height="1"/></svg>',
);

let sequence = 0;
const clientId = () => `upload-${Date.now().toString(36)}-${(sequence += 1)}`;

const consultedPair = () => server.consultedPair();

function upload(from: TestUser, to: TestUser, file: Buffer, filename: string, fields: Record<string, string> = {}) {
  const request = server.request.post(`/api/messages/${to.id}`).set('Cookie', from.cookie);
  for (const [name, value] of Object.entries({ clientId: clientId(), ...fields })) request.field(name, value);
  return request.attach('file', file, { filename, contentType: 'image/png' });
}

const storedFiles = () => mongoose.connection.db!.collection('files.files').countDocuments();

function download(user: TestUser, url: string) {
  return server.request
    .get(url)
    .set('Cookie', user.cookie)
    .buffer(true)
    .parse((response, done) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => done(null, Buffer.concat(chunks)));
    });
}

describe('attachments', () => {
  it('sends a picture that the receiver downloads and an outsider cannot', async () => {
    const { patient, doctor } = await consultedPair();
    const outsider = await server.createUser('doctor');
    const doctorSocket = await server.connect(doctor.cookie);
    const heard = nextEvent(doctorSocket, 'newMessage');

    const response = await upload(patient, doctor, PNG, 'rash.png', { text: 'this is the rash' });
    expect(response.status).toBe(201);
    const message = response.body.message as Message;
    expect(message.text).toBe('this is the rash');
    expect(message.attachment).toEqual({
      fileId: expect.any(String),
      name: 'rash.png',
      size: PNG.length,
      mimeType: 'image/png',
      url: `/api/files/${message.attachment!.fileId}`,
    });
    expect(await heard).toEqual(message);

    const downloaded = await download(doctor, message.attachment!.url);
    expect(downloaded.status).toBe(200);
    expect(downloaded.headers['content-type']).toBe('image/png');
    expect(downloaded.headers['x-content-type-options']).toBe('nosniff');
    expect(Buffer.compare(downloaded.body as Buffer, PNG)).toBe(0);
    expect((await download(outsider, message.attachment!.url)).status).toBe(404);
  });

  it('serves a PDF as a download, never inline, and not sniffed', async () => {
    const { patient, doctor } = await consultedPair();
    const response = await upload(doctor, patient, PDF, 'results.pdf');
    expect(response.status).toBe(201);
    expect(response.body.message.attachment).toMatchObject({ name: 'results.pdf', mimeType: 'application/pdf' });
    const downloaded = await download(patient, response.body.message.attachment.url);
    expect(downloaded.status).toBe(200);
    expect(downloaded.headers['content-type']).toBe('application/pdf');
    expect(downloaded.headers['content-disposition']).toMatch(/^attachment;/);
    expect(downloaded.headers['x-content-type-options']).toBe('nosniff');
  });

  it('judges a file by its bytes: HTML named x.png and an SVG are refused with 415, and nothing is stored', async () => {
    const { patient, doctor } = await consultedPair();
    const filesBefore = await storedFiles();
    for (const [content, name] of [
      [HTML, 'x.png'],
      [SVG, 'picture.svg'],
    ] as const) {
      const response = await upload(patient, doctor, content, name);
      expect(response.status).toBe(415);
      expect(response.body.error.code).toBe('UNSUPPORTED_FILE_TYPE');
    }
    expect(await storedFiles()).toBe(filesBefore);
    expect(await MessageModel.countDocuments({ senderId: patient.id })).toBe(0);
  });

  it('refuses a file one byte over MAX_UPLOAD_MB with 413', async () => {
    const { patient, doctor } = await consultedPair();
    const tooBig = Buffer.alloc(1024 * 1024 + 1);
    PNG.copy(tooBig);
    const response = await upload(patient, doctor, tooBig, 'big.png');
    expect(response.status).toBe(413);
    expect(response.body.error.code).toBe('FILE_TOO_LARGE');
    expect(await MessageModel.countDocuments({ senderId: patient.id })).toBe(0);
  });

  it('keeps a hostile file name as display text only', async () => {
    const { patient, doctor } = await consultedPair();
    // Built by hand: the RFC 5987 form is how a name with CR LF and slashes really arrives.
    const boundary = 'hostile-name-boundary';
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="clientId"\r\n\r\n${clientId()}\r\n`),
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename*=UTF-8''..%2F..%2Fetc%2Fpasswd%0D%0A.pdf\r\nContent-Type: application/pdf\r\n\r\n`,
      ),
      PDF,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const response = await server.request
      .post(`/api/messages/${doctor.id}`)
      .set('Cookie', patient.cookie)
      .set('Content-Type', `multipart/form-data; boundary=${boundary}`)
      .send(body);
    expect(response.status).toBe(201);
    const { attachment } = response.body.message as Message;
    expect(attachment!.name).toBe('passwd.pdf');
    const downloaded = await download(doctor, attachment!.url);
    expect(downloaded.status).toBe(200);
    expect(downloaded.headers['content-disposition']).toBe("attachment; filename*=UTF-8''passwd.pdf");
  });

  it('a retried upload with the same clientId stores its file once', async () => {
    const { patient, doctor } = await consultedPair();
    const filesBefore = await storedFiles();
    const id = clientId();
    const first = await upload(patient, doctor, PNG, 'a.png', { clientId: id });
    const retry = await upload(patient, doctor, PNG, 'a.png', { clientId: id });
    expect(first.status).toBe(201);
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(first.body);
    expect(await storedFiles()).toBe(filesBefore + 1);
  });

  it("a deleted message's file is gone: it downloads as 404", async () => {
    const { patient, doctor } = await consultedPair();
    const response = await upload(patient, doctor, PDF, 'letter.pdf');
    const message = response.body.message as Message;
    expect((await download(doctor, message.attachment!.url)).status).toBe(200);
    const deleted = await server.request.delete(`/api/messages/${message.id}`).set('Cookie', patient.cookie);
    expect(deleted.body.message.attachment).toBeNull();
    expect((await download(doctor, message.attachment!.url)).status).toBe(404);
    expect((await download(patient, message.attachment!.url)).status).toBe(404);
  });

  it('an upload cut off half-way leaves no message and no file', async () => {
    const { patient, doctor } = await consultedPair();
    const filesBefore = await storedFiles();
    const id = clientId();
    const boundary = 'cut-off-boundary';
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="clientId"\r\n\r\n${id}\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="half.png"\r\nContent-Type: image/png\r\n\r\n`,
    );
    const path = `/api/messages/${doctor.id}`;
    const reading = bodyBeingRead(server.httpServer, path);
    const handled = watchInfoLog(server.context.logger, 'the client went away before its request arrived', path);
    await new Promise<void>((resolve) => {
      const request = http.request(`${server.url}${path}`, {
        method: 'POST',
        headers: {
          cookie: patient.cookie,
          'x-requested-with': 'XMLHttpRequest',
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': String(head.length + 200_000),
        },
      });
      request.on('error', () => resolve());
      request.write(head);
      request.write(Buffer.concat([PNG, Buffer.alloc(50_000)]));
      // Cut off mid-file: once the server is reading the file, as a closed laptop lid does.
      void reading.then(() => {
        request.destroy();
        resolve();
      });
    });
    await handled();
    expect(await MessageModel.exists({ clientId: id })).toBeNull();
    expect(await storedFiles()).toBe(filesBefore);
    // The server is fine afterwards.
    expect((await upload(patient, doctor, PNG, 'whole.png', { clientId: id })).status).toBe(201);
  });
});

describe('files follow the rules of what they belong to', () => {
  it('names a file after the type its bytes are: a GIF named poly.html is poly.gif', async () => {
    const { patient, doctor } = await consultedPair();
    const response = await upload(patient, doctor, GIF, 'poly.html');
    expect(response.status).toBe(201);
    expect(response.body.message.attachment).toMatchObject({ name: 'poly.gif', mimeType: 'image/gif' });
    const downloaded = await download(doctor, response.body.message.attachment.url);
    expect(downloaded.headers['content-disposition']).toBe("inline; filename*=UTF-8''poly.gif");
  });

  it('gives files ids that share nothing with the previous one (no time, no counter)', async () => {
    const { patient, doctor } = await consultedPair();
    const ids: string[] = [];
    for (const name of ['one.png', 'two.png', 'three.png'])
      ids.push(((await upload(patient, doctor, PNG, name)).body.message as Message).attachment!.fileId);
    // An ObjectId is 4 bytes of time, 5 bytes fixed per process and a 3-byte counter: neighbours share the first 9.
    for (let i = 1; i < ids.length; i += 1) expect(ids[i]!.slice(0, 18)).not.toBe(ids[i - 1]!.slice(0, 18));
  });
});
