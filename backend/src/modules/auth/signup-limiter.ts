import type { RequestHandler } from 'express';
import { rateLimit, type RateLimitInfo, type Store } from 'express-rate-limit';
import { errors } from '../../lib/app-error.js';

export interface SignupLimiterOptions {
  /** sign-ups one address may make an hour (a clinic's front desk registers a few dozen) */
  maxPerIpPerHour: number;
  /** sign-ups the whole service takes a minute: bounds the hashing a crowd of addresses can cause */
  maxPerMinute: number;
  makeStore?: (prefix: string) => Store;
}

/**
 * Runs before the body is even read, so an over-limit sign-up costs no hash and no query. Every
 * attempt counts, refused ones too: a 409 answers whether an email has an account, so probing
 * emails spends the same budget as creating accounts.
 */
export function createSignupLimiter(options: SignupLimiterOptions): RequestHandler[] {
  const limiter = (prefix: string, windowMs: number, limit: number, perAddress: boolean) =>
    rateLimit({
      windowMs,
      limit,
      standardHeaders: 'draft-7',
      legacyHeaders: false,
      ...(options.makeStore ? { store: options.makeStore(prefix) } : {}),
      ...(perAddress ? {} : { keyGenerator: () => 'everyone' }),
      handler: (req, _res, next) => {
        const info = (req as typeof req & { rateLimit?: RateLimitInfo }).rateLimit;
        const resetTime = info?.resetTime?.getTime() ?? Date.now() + windowMs;
        next(errors.rateLimited(Math.max(1, Math.ceil((resetTime - Date.now()) / 1000))));
      },
    });
  return [
    limiter('signup-ip:', 3_600_000, options.maxPerIpPerHour, true),
    limiter('signup-all:', 60_000, options.maxPerMinute, false),
  ];
}
