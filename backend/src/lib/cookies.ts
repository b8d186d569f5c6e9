import type { CookieOptions } from 'express';
import type { Config } from '../config/config.js';

export const SESSION_COOKIE = 'jwt';

/**
 * Production runs the frontend and API on different sites, so the cookie must be
 * `SameSite=None; Secure` to travel at all; locally it is same-site and `Lax` is the safer choice.
 */
export function sessionCookieOptions(config: Config): CookieOptions {
  return {
    httpOnly: true,
    secure: config.isProduction,
    sameSite: config.isProduction ? 'none' : 'lax',
    path: '/',
    maxAge: config.sessionMaxMs,
  };
}

export function clearCookieOptions(config: Config): CookieOptions {
  const { maxAge: _unused, ...rest } = sessionCookieOptions(config);
  return rest;
}
