import type { OutboxEntry } from '../logic/outbox';
import { nextToSend } from '../logic/outbox';
import { planRetry, sendingPausedUntil, type SendFailure } from '../logic/outbox-retry';

export const RETRY_MIN_MS = 1_000;
export const RETRY_MAX_MS = 10_000;

export interface OutboxSenderDeps {
  /** the outbox as it is now */
  entries: () => readonly OutboxEntry[];
  /** one entry to the server (`deliverEntry`): null when done with it, or why it could not get through now */
  deliver: (entry: OutboxEntry) => Promise<SendFailure | null>;
  /** marks an entry as waiting out a rate limit until then; null: not waiting */
  pause: (clientId: string, pausedUntil: number | null) => void;
}

export interface OutboxSender {
  /** sends what is queued, oldest first; does nothing while a flush runs */
  flush: () => Promise<void>;
  /** the next failure waits the shortest time again (the network is back, or the person pressed Retry) */
  resetBackoff: () => void;
  /** drops the pending retry (the outbox is going away) */
  stop: () => void;
}

/**
 * Sends queued messages one at a time, oldest first, so they arrive in the order written. Stops
 * at the first that cannot get through and tries again later, backing off from RETRY_MIN_MS to
 * RETRY_MAX_MS (a rate limit waits exactly as long as the server asked).
 */
export function createOutboxSender({ entries, deliver, pause }: OutboxSenderDeps): OutboxSender {
  let flushing = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let backoffMs = RETRY_MIN_MS;
  const flushIn = (delayMs: number) => {
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => void flush(), delayMs);
  };

  async function flush(): Promise<void> {
    if (flushing) return;
    // Under a rate limit, a new message or a reconnect does not send early: the wait is the server's.
    const pausedUntil = sendingPausedUntil(entries(), Date.now());
    if (pausedUntil !== null) return flushIn(pausedUntil - Date.now());
    flushing = true;
    clearTimeout(retryTimer);
    try {
      for (let entry = nextToSend(entries()); entry; entry = nextToSend(entries())) {
        const failure = await deliver(entry);
        // A rate limit marks the entry paused (the composer says so); it stays queued and first in line.
        const plan = failure ? planRetry(failure, backoffMs, Date.now()) : null;
        pause(entry.clientId, plan?.pausedUntil ?? null);
        if (plan) {
          backoffMs = Math.min(backoffMs * 2, RETRY_MAX_MS);
          return flushIn(plan.delayMs);
        }
        backoffMs = RETRY_MIN_MS;
      }
    } finally {
      flushing = false;
    }
  }

  return {
    flush,
    resetBackoff: () => void (backoffMs = RETRY_MIN_MS),
    stop: () => clearTimeout(retryTimer),
  };
}
