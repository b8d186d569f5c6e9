import type { RequestHandler } from 'express';
import { fileTypeFromBuffer } from 'file-type';
import multer from 'multer';
import { errors } from '../../lib/app-error.js';

/**
 * Reads one multipart file into memory, capped at `maxBytes`: an upload cut off half-way or over
 * the cap never reaches storage, so nothing is left orphaned. Other multipart fields land in
 * `req.body` as strings, for the route's zod schema to check.
 */
export function acceptOneFile(field: string, maxBytes: number): RequestHandler {
  const parse = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: maxBytes, files: 1, fields: 10, fieldSize: 64 * 1024, parts: 12 },
  }).single(field);
  return (req, res, next) => {
    parse(req, res, (error: unknown) => {
      if (!error) return next();
      if (error instanceof multer.MulterError) {
        if (error.code === 'LIMIT_FILE_SIZE') return next(errors.fileTooLarge(maxBytes));
        return next(errors.validation([{ path: error.field ?? field, message: error.message }]));
      }
      next(error);
    });
  };
}

/**
 * The file's real type, from its first bytes (magic numbers), never from its name or the type the
 * browser declared: an HTML page named `x.png` is HTML. Throws 415 for anything not allowed.
 */
export async function sniffType(content: Buffer, allowed: readonly string[]): Promise<string> {
  const detected = await fileTypeFromBuffer(content);
  if (!detected || !allowed.includes(detected.mime)) throw errors.unsupportedFileType(allowed);
  return detected.mime;
}

/** The uploader's file name as display text: no path, no control characters, bounded. */
export function displayName(original: string | undefined): string {
  const base = (original ?? 'file').split(/[\\/]/).pop() ?? 'file';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 200);
  return clean === '' || clean === '.' || clean === '..' ? 'file' : clean;
}
