import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { ErrorBody } from '@telehealth/shared';
import { AppError, errors } from '../lib/app-error.js';
import type { Logger } from '../lib/logger.js';
import { isDatabaseDownError } from '../db/database.js';
import { clientAborted, toBodyError } from './body-errors.js';

/** Anything the app did not throw on purpose is mapped here, so no internal detail reaches a client. */
function toAppError(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  if (isDatabaseDownError(error)) return errors.databaseUnavailable();
  return undefined;
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const where = { requestId: req.id, method: req.method, path: req.path };
    if (clientAborted(req)) return void logger.info(where, 'the client went away before its request arrived');
    const bodyError = toBodyError(error);
    if (bodyError)
      logger.info({ ...where, status: bodyError.status, reason: (error as Error).message }, 'unreadable request body');
    const known = bodyError ?? toAppError(error);
    if (!known) logger.error({ err: error, ...where }, 'unexpected error');
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
