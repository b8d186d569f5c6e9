import type { RequestHandler } from 'express';
import type { Role } from '@telehealth/shared';
import type { Config } from '../config/config.js';
import { errors } from '../lib/app-error.js';
import { clearCookieOptions, SESSION_COOKIE } from '../lib/cookies.js';
import type { AuthIdentity, SessionStore } from '../modules/auth/session-store.js';
import type { TokenService } from '../modules/auth/tokens.js';

declare module 'express-serve-static-core' {
  interface Request {
    /** Set by `authenticate`: who is asking, from the token and the server-side session only. */
    auth?: AuthIdentity;
  }
}

/**
 * Reads the `jwt` cookie, verifies it, and checks its session is still good (revocation, idle and
 * absolute timeouts, account active). Requests without a good session continue unauthenticated;
 * `requireAuth` and `requireRole` then refuse them.
 */
export function authenticate(deps: { tokens: TokenService; sessions: SessionStore; config: Config }): RequestHandler {
  return async (req, res, next) => {
    const cookies = req.cookies as Record<string, unknown> | undefined;
    const token = cookies?.[SESSION_COOKIE];
    if (typeof token !== 'string' || token === '') return next();
    const claims = deps.tokens.verify(token);
    const result = claims ? await deps.sessions.check(claims.sid, claims.sub, true) : { ended: 'revoked' as const };
    if ('ended' in result) {
      res.clearCookie(SESSION_COOKIE, clearCookieOptions(deps.config));
      return next();
    }
    req.auth = result;
    next();
  };
}

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
