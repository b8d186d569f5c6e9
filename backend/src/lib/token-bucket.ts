import { performance } from 'node:perf_hooks';

export interface TokenBucket {
  /** Takes one token; false when the bucket is empty (the event should be refused). */
  take(): boolean;
  /** How long until one token is back, in milliseconds (0 when one is there now). */
  msUntilNext(): number;
  /** True when the bucket is full again: forgetting it loses nothing. */
  isFull(): boolean;
}

/**
 * A token bucket: `burst` events at once, refilled at `perSecond`. Runs on monotonic real time,
 * not `context.clock`, because it limits real traffic and a test's fake clock must not refill it.
 */
export function createTokenBucket(options: { perSecond: number; burst: number; now?: () => number }): TokenBucket {
  const now = options.now ?? (() => performance.now());
  let tokens = options.burst;
  let refilledAt = now();
  const refill = () => {
    const at = now();
    tokens = Math.min(options.burst, tokens + ((at - refilledAt) / 1000) * options.perSecond);
    refilledAt = at;
  };
  return {
    take() {
      refill();
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
    msUntilNext() {
      refill();
      return tokens >= 1 ? 0 : ((1 - tokens) / options.perSecond) * 1000;
    },
    isFull() {
      refill();
      return tokens >= options.burst;
    },
  };
}
