import { MemoryStore, type Options, type Store } from 'express-rate-limit';
import { errors } from '../../lib/app-error.js';

/** One password check about to happen: a login, or a password change's current password. */
export interface PasswordAttempt {
  email: string;
  ip: string | undefined;
  /** the id of a device cookie this browser holds for this very account (device-cookie.ts), if any */
  device: string | undefined;
}

export interface LoginLimiter {
  /**
   * Counts the attempt before the password is compared (so parallel guesses count too), or throws
   * RATE_LIMITED when a budget it draws on is spent. Call `succeeded()` when the password was
   * right: only failures stay counted.
   */
  begin(attempt: PasswordAttempt): Promise<{ succeeded(): Promise<void> }>;
}

export interface LoginLimiterOptions {
  /** failures one account may take from browsers it has never signed in on, and one device may make */
  maxAttempts: number;
  /** failures one address may make on browsers no account has signed in on */
  maxAttemptsPerIp: number;
  windowMs: number;
  /** a shared store (Redis) when several instances must count together; in-process otherwise */
  makeStore?: (prefix: string) => Store;
}

interface Budget {
  store: Store;
  limit: number;
}

/**
 * OWASP's device-cookie scheme ("Slow brute-force attacks without locking out the owner"): a
 * browser that signed in to an account before carries a device cookie for it, and its attempts
 * draw only on that device's own budget. Failures made anywhere else (a guesser, a stolen-list
 * attack) draw on the account's budget for unknown browsers and on their address's budget, and
 * can lock out only unknown browsers, never the owner's known one. The address's budget is large
 * (a clinic's front desk behind one NAT signs many people in): one person's typos spend their own
 * account's budget long before it, so they never refuse anybody else's right password.
 */
export function createLoginLimiter(options: LoginLimiterOptions): LoginLimiter {
  const budget = (prefix: string, limit: number): Budget => {
    const store = options.makeStore?.(prefix) ?? new MemoryStore();
    // Stores read their window from the rate limiter's options; this is all they use of them.
    void store.init?.({ windowMs: options.windowMs } as Options);
    return { store, limit };
  };
  const perDevice = budget('login-device:', options.maxAttempts);
  const perAccount = budget('login-account:', options.maxAttempts);
  const perIp = budget('login-ip:', options.maxAttemptsPerIp);

  function budgetsOf(attempt: PasswordAttempt): [Budget, string][] {
    if (attempt.device) return [[perDevice, attempt.device]];
    const email = attempt.email.trim().toLowerCase().slice(0, 254);
    return attempt.ip
      ? [
          [perAccount, email],
          [perIp, attempt.ip],
        ]
      : [[perAccount, email]];
  }

  return {
    async begin(attempt) {
      const drawn = budgetsOf(attempt);
      // A store answers synchronously (memory) or with a promise (Redis): `async` makes both a promise.
      const counts = await Promise.all(drawn.map(async ([{ store }, key]) => store.increment(key)));
      const release = async () => void (await Promise.all(drawn.map(async ([{ store }, key]) => store.decrement(key))));
      const spent = counts.filter((count, index) => count.totalHits > drawn[index]![0].limit);
      if (spent.length > 0) {
        // A refused attempt checked no password: it does not count as a failure either.
        await release();
        const resetAt = Math.max(...spent.map((count) => count.resetTime?.getTime() ?? Date.now() + options.windowMs));
        throw errors.rateLimited(Math.max(1, Math.ceil((resetAt - Date.now()) / 1000)));
      }
      return { succeeded: release };
    },
  };
}
