import { createSecretKey, randomUUID } from 'node:crypto';
import type { CookieOptions } from 'express';
import jwt from 'jsonwebtoken';
import type { Config } from '../../config/config.js';

export const DEVICE_COOKIE = 'device';
/** Marks these tokens apart from session tokens signed with the same secret. */
const AUDIENCE = 'login-device';
const DEVICE_COOKIE_MAX_AGE_MS = 180 * 24 * 3_600_000;

/**
 * The device cookie of OWASP's lockout scheme (login-limiter.ts): proof that this browser signed
 * in to this account before. It names the account and a random id (the device's own failure
 * budget); it grants nothing else, and only the login and password-change endpoints read it.
 */
export function createDeviceCookies(secret: string) {
  const key = createSecretKey(Buffer.from(secret, 'utf8'));
  return {
    /** A new device cookie value for an account that just signed in. */
    issue(email: string): string {
      return jwt.sign({ sub: email, jti: randomUUID() }, key, {
        algorithm: 'HS256',
        audience: AUDIENCE,
        expiresIn: Math.floor(DEVICE_COOKIE_MAX_AGE_MS / 1000),
      });
    },
    /** The device id, when `token` is a device cookie this server issued for `email`. */
    deviceFor(token: unknown, email: string): string | undefined {
      if (typeof token !== 'string') return undefined;
      try {
        const payload = jwt.verify(token, key, { algorithms: ['HS256'], audience: AUDIENCE });
        if (typeof payload !== 'object' || payload.sub !== email || typeof payload.jti !== 'string') return undefined;
        return payload.jti;
      } catch {
        return undefined;
      }
    },
  };
}

export type DeviceCookies = ReturnType<typeof createDeviceCookies>;

export function deviceCookieOptions(config: Config): CookieOptions {
  // Only the auth endpoints need it; Strict, since no cross-site navigation ever signs in.
  return { httpOnly: true, secure: config.isProduction, sameSite: 'strict', path: '/api/auth', maxAge: DEVICE_COOKIE_MAX_AGE_MS };
}
