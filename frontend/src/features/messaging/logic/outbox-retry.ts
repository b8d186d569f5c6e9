import type { OutboxEntry } from './outbox';

/** Why a send did not get through this time, as far as retrying cares. */
export interface SendFailure {
  /** 0: no network; 429: too many messages; 5xx: the server briefly down */
  status: number;
  /** the server's Retry-After, in seconds, if it sent one */
  retryAfterSeconds: number | null;
}

export interface RetryPlan {
  /** how long the outbox waits before it sends again */
  delayMs: number;
  /** when the server said "too many messages": the entry waits, shown as paused, until this time (ms) */
  pausedUntil: number | null;
}

/**
 * When to try a message again. A rate limit waits exactly as long as the server asked (sooner
 * would only be refused again and prolong the limit); anything else backs off from `backoffMs`.
 */
export function planRetry(failure: SendFailure, backoffMs: number, now: number): RetryPlan {
  if (failure.status === 429) {
    // No header (a proxy's 429): a second, at least, so a script-like loop never starts.
    const delayMs = Math.max(1, failure.retryAfterSeconds ?? 1) * 1_000;
    return { delayMs, pausedUntil: now + delayMs };
  }
  const delayMs = failure.retryAfterSeconds !== null ? Math.max(backoffMs, failure.retryAfterSeconds * 1_000) : backoffMs;
  return { delayMs, pausedUntil: null };
}

/** The entry marked as waiting out a rate limit; it stays queued, in its place, to be sent after the wait. */
export function pauseEntry(entry: OutboxEntry, pausedUntil: number | null): OutboxEntry {
  return { ...entry, pausedUntil };
}

/** Until when sending is paused by a rate limit (the limit is per user, so it pauses every thread), or null. */
export function sendingPausedUntil(entries: readonly OutboxEntry[], now: number): number | null {
  const until = Math.max(0, ...entries.map((entry) => (entry.state === 'queued' ? (entry.pausedUntil ?? 0) : 0)));
  return until > now ? until : null;
}

/** The composer's words for a pause, in whole seconds left (never "0 s" while still paused). */
export function pausedNotice(pausedUntil: number, now: number): string {
  const seconds = Math.max(1, Math.ceil((pausedUntil - now) / 1_000));
  return `Sending paused: too many messages. Yours are kept and will be sent in ${seconds} s.`;
}
