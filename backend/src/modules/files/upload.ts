import type { Readable } from 'node:stream';
import { Readable as ReadableStream, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Request, RequestHandler } from 'express';
import { fileTypeFromBuffer } from 'file-type';
import multer from 'multer';
import { AppError, errors } from '../../lib/app-error.js';
import type { ConcurrencyLimit } from '../../lib/rate-limits.js';
import { currentUser } from '../../middleware/require-auth.js';
import type { FileMetadata, FileStorage, StoredFile } from './file-storage.js';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    // eslint-disable-next-line @typescript-eslint/no-namespace
    namespace Multer {
      interface File {
        /** where the upload was streamed to (set by `acceptOneFile`) */
        stored?: StoredFile;
      }
    }
  }
}

/** file-type reads at most this much to recognise any type it knows. */
const SNIFF_BYTES = 4100;

export interface UploadRules {
  files: FileStorage;
  maxBytes: number;
  allowed: readonly string[];
  /** who the file belongs to, decided from the (already checked) request */
  owner: (req: Request) => Pick<FileMetadata, 'purpose' | 'ownerId' | 'participants'>;
}

/**
 * Streams one multipart file into storage as it arrives: its type is judged from its first bytes
 * before anything is written, the cap is enforced while it streams, and a file refused or cut off
 * half-way is deleted. Memory holds one chunk and the first 4 KB, whatever the size. Other
 * multipart fields land in `req.body` as strings, for the route's zod schema to check.
 */
export function acceptOneFile(field: string, rules: UploadRules): RequestHandler {
  const storage: multer.StorageEngine = {
    _handleFile(req, file, done) {
      storeUpload(file.stream, file.originalname, rules, req).then((stored) => done(null, { stored, size: stored.size }), done);
    },
    _removeFile(_req, file, done) {
      if (!file.stored) return done(null);
      rules.files.remove(file.stored.id).then(() => done(null), done);
    },
  };
  // multer's own fileSize limit is a backstop; the streaming check below answers first.
  const parse = multer({
    storage,
    limits: { fileSize: rules.maxBytes + 1, files: 1, fields: 10, fieldSize: 64 * 1024, parts: 12 },
  }).single(field);
  return (req, res, next) => {
    parse(req, res, (error: unknown) => {
      if (!error) return next();
      if (error instanceof multer.MulterError) {
        if (error.code === 'LIMIT_FILE_SIZE') return next(errors.fileTooLarge(rules.maxBytes));
        return next(errors.validation([{ path: error.field ?? field, message: error.message }]));
      }
      next(error);
    });
  };
}

async function storeUpload(source: Readable, originalName: string, rules: UploadRules, req: Request): Promise<StoredFile> {
  const chunks = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const head = await readHead(chunks);
  const detected = await fileTypeFromBuffer(head.bytes);
  if (!detected || !rules.allowed.includes(detected.mime)) {
    await chunks.return?.();
    throw errors.unsupportedFileType(rules.allowed);
  }
  const metadata = { ...rules.owner(req), name: displayName(originalName, detected.ext), mimeType: detected.mime };
  const upload = rules.files.openUpload(metadata);
  let size = 0;
  const capped = new Transform({
    transform(chunk: Buffer, _encoding, pass) {
      size += chunk.length;
      pass(size > rules.maxBytes ? errors.fileTooLarge(rules.maxBytes) : null, chunk);
    },
  });
  try {
    await pipeline(ReadableStream.from(rest(head, chunks)), capped, upload.stream);
  } catch (error) {
    await upload.abort();
    throw error;
  }
  return { id: upload.id, size, ...metadata };
}

/** The first SNIFF_BYTES (or the whole file, if shorter), keeping the chunks to write them after. */
async function readHead(chunks: AsyncIterator<Buffer>): Promise<{ bytes: Buffer; chunks: Buffer[]; ended: boolean }> {
  const read: Buffer[] = [];
  let length = 0;
  while (length < SNIFF_BYTES) {
    const next = await chunks.next();
    if (next.done) return { bytes: Buffer.concat(read), chunks: read, ended: true };
    read.push(next.value);
    length += next.value.length;
  }
  return { bytes: Buffer.concat(read), chunks: read, ended: false };
}

async function* rest(head: { chunks: Buffer[]; ended: boolean }, chunks: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  yield* head.chunks;
  if (head.ended) return;
  for (;;) {
    const next = await chunks.next();
    if (next.done) return;
    yield next.value;
  }
}

/**
 * Before a multipart body is read: a slot among the uploads running now (per user and per instance,
 * refused at once with Retry-After), and time limits, so a body that trickles is cut off long
 * before Node's own 300 s. The connection closes after the answer, so a refused body's rest is
 * never read.
 */
export function guardUpload(limits: { slots: ConcurrencyLimit; idleMs: number; totalMs: number }): RequestHandler {
  return (req, res, next) => {
    if (!req.is('multipart/form-data')) return next();
    const slot = limits.slots.acquire(currentUser(req).userId);
    if ('refusal' in slot) {
      const message =
        slot.refusal === 'user'
          ? 'You are already sending files; wait for one to finish'
          : 'Too many uploads right now; try again shortly';
      return next(new AppError('RATE_LIMITED', message, undefined, { 'Retry-After': '5' }));
    }
    const socket = req.socket;
    const cutOff = () => {
      if (res.headersSent) return void socket.destroy();
      res.setHeader('Connection', 'close');
      res.status(408).json({ error: { code: 'REQUEST_TIMEOUT', message: 'The upload was too slow and was stopped' } });
      res.once('finish', () => socket.destroy());
    };
    const total = setTimeout(cutOff, limits.totalMs);
    // On the request, not the socket: Node destroys a timed-out socket nobody answers for.
    req.setTimeout(limits.idleMs, cutOff);
    res.once('close', () => {
      clearTimeout(total);
      req.off('timeout', cutOff);
      slot.release();
    });
    next();
  };
}

/** Multipart requests close their connection after the answer: a body refused unread is not then read to the end. */
export const closeAfterUpload: RequestHandler = (req, res, next) => {
  if (req.is('multipart/form-data')) res.setHeader('Connection', 'close');
  next();
};

/**
 * The uploader's file name as display text: no path, no control characters, bounded, and with the
 * extension of the type its bytes really are (a GIF named `poly.html` is shown as `poly.gif`).
 */
export function displayName(original: string | undefined, extension?: string): string {
  const base = (original ?? 'file').split(/[\\/]/).pop() ?? 'file';
  // eslint-disable-next-line no-control-regex
  const printable = base.replace(/[\u0000-\u001f\u007f]/g, '');
  let clean = printable.trim().slice(0, 200);
  if (clean === '' || clean === '.' || clean === '..') clean = 'file';
  if (!extension) return clean;
  const dot = clean.lastIndexOf('.');
  const stem = dot > 0 ? clean.slice(0, dot) : clean;
  const current = dot > 0 ? clean.slice(dot + 1).toLowerCase() : '';
  const sameType = current === extension || (extension === 'jpg' && current === 'jpeg');
  return sameType ? clean : `${stem}.${extension}`;
}
