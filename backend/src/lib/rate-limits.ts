import type { RequestHandler } from 'express';
import { errors } from './app-error.js';
import { createTokenBucket, type TokenBucket } from './token-bucket.js';

/*
 * Per-user limits, kept in this process's memory. With several instances behind a load balancer
 * each instance counts on its own, so a user spread over N instances gets up to N times the rate:
 * still far below a script's, and sharing the buckets through Redis would add a round trip to
 * every message and keystroke.
 */

/** Past this many users remembered, full buckets (users who went quiet) are forgotten first. */
const MAX_REMEMBERED_USERS = 50_000;

export interface RateLimit {
  /** Counts one event for this user; the seconds to wait when it is refused, else 0. */
  take(userId: string): number;
}

/** A token bucket per user: `burst` at once, then `perSecond` sustained. */
export function createRateLimit(options: { perSecond: number; burst: number }): RateLimit {
  const buckets = new Map<string, TokenBucket>();
  const forgetQuietUsers = () => {
    for (const [userId, bucket] of buckets) if (bucket.isFull()) buckets.delete(userId);
    // Everyone is busy (a flood of accounts): start again rather than grow without bound.
    if (buckets.size >= MAX_REMEMBERED_USERS) buckets.clear();
  };
  return {
    take(userId) {
      let bucket = buckets.get(userId);
      if (!bucket) {
        if (buckets.size >= MAX_REMEMBERED_USERS) forgetQuietUsers();
        bucket = createTokenBucket(options);
        buckets.set(userId, bucket);
      }
      if (bucket.take()) return 0;
      return Math.max(1, Math.ceil(bucket.msUntilNext() / 1000));
    },
  };
}

/**
 * The flood limits for conversations. Bursts sit above what honest clients do (an outbox flushing
 * a hundred messages after a long offline spell; a fast typist's keystrokes), sustained rates far
 * below a script's.
 */
export function createMessagingLimits(send: { burst: number; perSecond: number } = { burst: 120, perSecond: 1 }) {
  return {
    send: createRateLimit(send),
    react: createRateLimit({ burst: 30, perSecond: 1 }),
    /** edits and deletes */
    change: createRateLimit({ burst: 30, perSecond: 0.5 }),
    typing: createRateLimit({ burst: 40, perSecond: 10 }),
  };
}

export type MessagingLimits = ReturnType<typeof createMessagingLimits>;

/** Answers 429 with Retry-After, before the body is read, when the signed-in user is over the limit. */
export function rateLimited(limit: RateLimit, userOf: (req: Parameters<RequestHandler>[0]) => string): RequestHandler {
  return (req, _res, next) => {
    const waitSeconds = limit.take(userOf(req));
    next(waitSeconds > 0 ? errors.rateLimited(waitSeconds) : undefined);
  };
}

export interface ConcurrencyLimit {
  /** A slot for this user's request, or the refusal to answer at once. Call `release` exactly once. */
  acquire(userId: string): { release: () => void } | { refusal: 'user' | 'instance' };
}

/** At most `perUser` requests of one user and `perInstance` in all at the same time, in this process. */
export function createConcurrencyLimit(options: { perUser: number; perInstance: number }): ConcurrencyLimit {
  const byUser = new Map<string, number>();
  let total = 0;
  return {
    acquire(userId) {
      const mine = byUser.get(userId) ?? 0;
      if (mine >= options.perUser) return { refusal: 'user' };
      if (total >= options.perInstance) return { refusal: 'instance' };
      byUser.set(userId, mine + 1);
      total += 1;
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          total -= 1;
          const left = (byUser.get(userId) ?? 1) - 1;
          if (left <= 0) byUser.delete(userId);
          else byUser.set(userId, left);
        },
      };
    },
  };
}
