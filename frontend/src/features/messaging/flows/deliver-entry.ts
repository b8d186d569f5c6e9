import type { Message } from '@telehealth/shared';
import { ApiError } from '../../../lib/api-client';
import { describeRefusal } from '../logic/not-sent';
import type { OutboxEntry } from '../logic/outbox';
import type { SendFailure } from '../logic/outbox-retry';

export interface DeliverSteps {
  /** the request itself, reporting upload progress from 0 to 1 */
  send(entry: OutboxEntry, onProgress: (fraction: number) => void): Promise<Message>;
  /** the server stored it: show it as stored, and let the outbox forget it */
  stored(entry: OutboxEntry, message: Message): Promise<void>;
  /** the server refused it for good: keep it, marked failed, for the person to decide */
  refused(failed: OutboxEntry): Promise<void>;
  /** upload progress by clientId; null once the request is over */
  progress(clientId: string, fraction: number | null): void;
}

/** A failure worth trying again by itself: no network, a server briefly down, a rate limit. */
export function isTransient(error: unknown): error is ApiError {
  return error instanceof ApiError && (error.status === 0 || error.status === 429 || error.status >= 500);
}

/**
 * One outbox entry to the server. Resolves with null when done with it (stored, or refused for
 * good), or with why it could not get through now: the outbox tries again later, in order.
 */
export async function deliverEntry(entry: OutboxEntry, steps: DeliverSteps): Promise<SendFailure | null> {
  try {
    const message = await steps.send(entry, (fraction) => steps.progress(entry.clientId, fraction));
    await steps.stored(entry, message);
    return null;
  } catch (error) {
    if (isTransient(error)) return { status: error.status, retryAfterSeconds: error.retryAfterSeconds };
    const { reason, retryable } = describeRefusal(error, entry);
    await steps.refused({ ...entry, state: 'failed', error: reason, retryable });
    return null;
  } finally {
    steps.progress(entry.clientId, null);
  }
}
