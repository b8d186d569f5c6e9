import type { RequestHandler } from 'express';
import { rateLimit, type RateLimitInfo, type Store } from 'express-rate-limit';
import { errors } from '../../lib/app-error.js';

export interface LoginLimiters {
  beforeLogin: RequestHandler[];
}

export interface LoginLimiterOptions {
  maxAttempts: number;
  windowMs: number;
  /** a shared store (Redis) when several instances must count together; in-process otherwise */
  makeStore?: (prefix: string) => Store;
}

/**
 * Failed logins are limited per IP (one attacker, many accounts) and per account (many IPs, one
 * account). Only failures count (401), so a user who signs in correctly is never locked out by
 * their own successes, and a malformed body (400) costs nothing.
 */
export function createLoginLimiters(options: LoginLimiterOptions): LoginLimiters {
  const common = {
    windowMs: options.windowMs,
    limit: options.maxAttempts,
    standardHeaders: 'draft-7' as const,
    legacyHeaders: false,
    skipSuccessfulRequests: true,
    requestWasSuccessful: (_req: unknown, res: { statusCode: number }) => res.statusCode !== 401,
    handler: ((req, _res, next) => {
      const info = (req as typeof req & { rateLimit?: RateLimitInfo }).rateLimit;
      const resetTime = info?.resetTime?.getTime() ?? Date.now() + options.windowMs;
      next(errors.rateLimited(Math.max(1, Math.ceil((resetTime - Date.now()) / 1000))));
    }) as RequestHandler,
  };
  const perIp = rateLimit({ ...common, ...(options.makeStore ? { store: options.makeStore('login-ip:') } : {}) });
  const perAccount = rateLimit({
    ...common,
    ...(options.makeStore ? { store: options.makeStore('login-account:') } : {}),
    keyGenerator: (request) => {
      const email: unknown = (request.body as { email?: unknown } | undefined)?.email;
      return typeof email === 'string' ? email.trim().toLowerCase().slice(0, 254) : 'malformed';
    },
  });
  return { beforeLogin: [perIp, perAccount] };
}
