import type { RequestHandler } from 'express';
import type { Role, SocketData } from '@telehealth/shared';
import { errors } from '../lib/app-error.js';

/** Who is asking: from the token and the server-side session only (the socket knows the same three things). */
export type AuthIdentity = SocketData;

declare module 'express-serve-static-core' {
  interface Request {
    /** Set by `authenticate` (modules/auth/authenticate.ts) when the request has a good session. */
    auth?: AuthIdentity;
  }
}

// The guards read only `req.auth`, so every module's routes use them without depending on the
// auth module (which sets it): imports run from modules to here, never back.

export const requireAuth: RequestHandler = (req, _res, next) => {
  next(req.auth ? undefined : errors.unauthenticated());
};

/** Lets the request through only for the given roles (after `requireAuth`). */
export function requireRole(...roles: Role[]): RequestHandler {
  return (req, _res, next) => {
    if (!req.auth) return next(errors.unauthenticated());
    next(roles.includes(req.auth.role) ? undefined : errors.forbidden());
  };
}

/** The signed-in identity inside a handler that sits behind `requireAuth`. */
export function currentUser(req: { auth?: AuthIdentity }): AuthIdentity {
  if (!req.auth) throw errors.unauthenticated();
  return req.auth;
}
