import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { ErrorBody } from '@telehealth/shared';
import { AppError, errors } from '../lib/app-error.js';
import type { Logger } from '../lib/logger.js';
import { isDatabaseDownError } from '../db/database.js';

/** Anything the app did not throw on purpose is mapped here, so no internal detail reaches a client. */
function toAppError(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  if (isDatabaseDownError(error)) return errors.databaseUnavailable();
  const status = (error as { status?: number; type?: string }).status;
  const type = (error as { type?: string }).type;
  // body-parser: malformed JSON, a body that is too large, a wrong charset.
  if (type === 'entity.parse.failed') return errors.validation([{ path: 'body', message: 'must be valid JSON' }]);
  if (type === 'entity.too.large') return new AppError('FILE_TOO_LARGE', 'The request body is too large');
  if (status === 400 && type) return errors.validation([{ path: 'body', message: 'could not be read' }]);
  return undefined;
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const known = toAppError(error);
    if (!known) logger.error({ err: error, requestId: req.id, method: req.method, path: req.path }, 'unexpected error');
    const appError = known ?? new AppError('INTERNAL', 'Something went wrong on our side');
    if (res.headersSent) return void res.end();
    for (const [name, value] of Object.entries(appError.headers ?? {})) res.setHeader(name, value);
    const body: ErrorBody = {
      error: { code: appError.code, message: appError.message, ...(appError.details ? { details: appError.details } : {}) },
    };
    res.status(appError.status).json(body);
  };
}

export const notFoundHandler: RequestHandler = (_req, _res, next) => next(errors.notFound('No such endpoint'));
