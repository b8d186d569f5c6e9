import type { CookieOptions } from 'express';
import type { Config } from '../config/config.js';

export const SESSION_COOKIE = 'jwt';

/**
 * The session cookie is always first-party: the page's own origin serves `/api` (the backend
 * itself, or the frontend host proxying to it, docs/deploy.md), so `SameSite=Lax` holds everywhere
 * and no browser's third-party cookie blocking can touch it. Sockets, which cannot go through that
 * proxy, authenticate with a ticket instead (modules/auth/socket-ticket.ts).
 */
export function sessionCookieOptions(config: Config): CookieOptions {
  return {
    httpOnly: true,
    secure: config.isProduction,
    sameSite: 'lax',
    path: '/',
    maxAge: config.sessionMaxMs,
  };
}

export function clearCookieOptions(config: Config): CookieOptions {
  const { maxAge: _unused, ...rest } = sessionCookieOptions(config);
  return rest;
}
