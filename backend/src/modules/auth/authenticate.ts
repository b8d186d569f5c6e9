import type { RequestHandler } from 'express';
import type { Config } from '../../config/config.js';
import { clearCookieOptions, SESSION_COOKIE } from '../../lib/cookies.js';
import type { SessionStore } from './session-store.js';
import type { TokenService } from './tokens.js';

/**
 * Reads the `jwt` cookie, verifies it, and checks its session is still good (revocation, idle and
 * absolute timeouts, account active). Requests without a good session continue unauthenticated;
 * `requireAuth` and `requireRole` (middleware/require-auth.ts) then refuse them.
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
