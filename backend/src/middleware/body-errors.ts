import type { Request } from 'express';
import { AppError, errors } from '../lib/app-error.js';

const unreadable = (message: string) => errors.validation([{ path: 'body', message }]);

/**
 * body-parser and raw-body tag every error they raise with a `type`; this maps each to the
 * contract's shape. Anything else with a `type` but no entry here is still the client's body
 * (raw-body only raises client-side errors), so it answers 400 rather than 500.
 */
const BY_TYPE: Record<string, () => AppError> = {
  'entity.parse.failed': () => unreadable('must be valid JSON'),
  'entity.verify.failed': () => unreadable('could not be verified'),
  'entity.too.large': () => new AppError('FILE_TOO_LARGE', 'The request body is too large'),
  'request.size.invalid': () => unreadable('is shorter or longer than its Content-Length'),
  'stream.encoding.set': () => unreadable('could not be read'),
  'encoding.unsupported': () =>
    new AppError('UNSUPPORTED_FILE_TYPE', 'This Content-Encoding is not accepted; use gzip, deflate, br or none'),
  'charset.unsupported': () => new AppError('UNSUPPORTED_FILE_TYPE', 'This charset is not accepted; send UTF-8'),
  'parameters.too.many': () => unreadable('has too many parameters'),
};

/**
 * zlib's codes for a compressed body that does not decompress: `Z_DATA_ERROR` and friends for gzip
 * and deflate, `ERR__ERROR_FORMAT_...` (the brotli decoder's own names) for br.
 */
const BROKEN_COMPRESSION = /^(Z_|ERR__)/;

/**
 * A request body the client got wrong, as the answer it gets; undefined for anything else. These are
 * the client's fault, so the error handler logs them at info without a stack (nobody gets paged
 * because a script sent gzip garbage).
 */
export function toBodyError(error: unknown): AppError | undefined {
  const { type, code, status } = error as { type?: unknown; code?: unknown; status?: unknown };
  if (typeof type === 'string') {
    const known = BY_TYPE[type];
    if (known) return known();
    if (typeof status === 'number' && status >= 400 && status < 500) return unreadable('could not be read');
  }
  // express.json inflates with zlib; a corrupt stream surfaces as a zlib error, not a typed one.
  if (typeof code === 'string' && BROKEN_COMPRESSION.test(code)) return unreadable('is not valid for its Content-Encoding');
  return undefined;
}

/**
 * The client went away before its body arrived (closed the tab mid-upload, lost the network):
 * there is nobody to answer, and it is not the server's fault.
 */
export function clientAborted(req: Request): boolean {
  return !req.complete && req.socket.destroyed;
}
