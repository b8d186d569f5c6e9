import type { RequestHandler } from 'express';
import { errors } from '../lib/app-error.js';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The cookie travels with any request the browser makes to us, so a state-changing request must
 * prove it came from our own pages: a custom header (which a cross-site form cannot set and a
 * cross-site fetch cannot send without a CORS preflight we refuse) and, when present, an allowed Origin.
 * Applies to every state-changing route, multipart uploads and login included.
 */
export function csrfProtection(allowedOrigins: readonly string[]): RequestHandler {
  const allowed = new Set(allowedOrigins);
  return (req, _res, next) => {
    if (!STATE_CHANGING.has(req.method)) return next();
    const origin = req.headers.origin;
    const fromApp = req.headers['x-requested-with'] === 'XMLHttpRequest';
    if (!fromApp || (origin !== undefined && !allowed.has(origin))) return next(errors.csrf());
    next();
  };
}
