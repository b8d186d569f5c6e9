import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { queuedEntry } from '../hooks/messaging-fakes.test-support';
import type { OutboxEntry } from '../logic/outbox';
import type { SendFailure } from '../logic/outbox-retry';
import { createEntryList } from './entry-list';
import { createOutboxSender, RETRY_MAX_MS, RETRY_MIN_MS } from './outbox-sender';

const offline: SendFailure = { status: 0, retryAfterSeconds: null };

/** A sender over a list of entries; `answers` decides each delivery (null: stored, and removed). */
function setup(entries: OutboxEntry[], answer: (entry: OutboxEntry) => SendFailure | null) {
  const list = createEntryList();
  list.change(() => entries);
  const sent: string[] = [];
  const sender = createOutboxSender({
    entries: list.get,
    deliver: async (entry) => {
      sent.push(entry.clientId);
      const failure = answer(entry);
      if (!failure) list.change((all) => all.filter((other) => other.clientId !== entry.clientId));
      return failure;
    },
    pause: (clientId, pausedUntil) =>
      list.change((all) => all.map((entry) => (entry.clientId === clientId ? { ...entry, pausedUntil } : entry))),
  });
  return { list, sent, sender };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('createOutboxSender', () => {
  it('sends oldest first, one at a time, and skips failed entries (they wait for Retry)', async () => {
    const { sent, sender } = setup(
      [queuedEntry('c', 3), queuedEntry('a', 1), queuedEntry('b', 2, { state: 'failed' })],
      () => null,
    );
    await Promise.all([sender.flush(), sender.flush()]);
    expect(sent).toEqual(['a', 'c']);
  });

  it('stops at the first that cannot get through, and backs off from RETRY_MIN_MS, doubling up to RETRY_MAX_MS', async () => {
    let failing = true;
    const { sent, sender } = setup([queuedEntry('a', 1), queuedEntry('b', 2)], () => (failing ? offline : null));
    await sender.flush();
    expect(sent).toEqual(['a']);
    const waits = [RETRY_MIN_MS, 2 * RETRY_MIN_MS, 4 * RETRY_MIN_MS, 8 * RETRY_MIN_MS, RETRY_MAX_MS, RETRY_MAX_MS];
    for (const wait of waits) {
      await vi.advanceTimersByTimeAsync(wait - 1);
      const before = sent.length;
      await vi.advanceTimersByTimeAsync(1);
      expect(sent.length).toBe(before + 1);
    }
    failing = false;
    await vi.advanceTimersByTimeAsync(RETRY_MAX_MS);
    expect(sent.slice(-2)).toEqual(['a', 'b']);
  });

  it('a reset backoff waits the shortest time again', async () => {
    let failing = true;
    const { sent, sender } = setup([queuedEntry('a', 1)], () => (failing ? offline : null));
    await sender.flush();
    await vi.advanceTimersByTimeAsync(RETRY_MIN_MS + 2 * RETRY_MIN_MS);
    expect(sent).toEqual(['a', 'a', 'a']);
    sender.resetBackoff();
    failing = true;
    await sender.flush();
    await vi.advanceTimersByTimeAsync(RETRY_MIN_MS);
    expect(sent).toHaveLength(5);
  });

  it('under a rate limit the entry is paused until the server’s time, and an early flush does not send', async () => {
    let limited = true;
    const { list, sent, sender } = setup([queuedEntry('a', 1)], () => (limited ? { status: 429, retryAfterSeconds: 30 } : null));
    await sender.flush();
    expect(list.get()[0]!.pausedUntil).toBe(Date.now() + 30_000);
    limited = false;
    await sender.flush();
    await vi.advanceTimersByTimeAsync(29_999);
    expect(sent).toEqual(['a']);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent).toEqual(['a', 'a']);
    expect(list.get()).toEqual([]);
  });

  it('stop drops the pending retry', async () => {
    const { sent, sender } = setup([queuedEntry('a', 1)], () => offline);
    await sender.flush();
    sender.stop();
    await vi.advanceTimersByTimeAsync(RETRY_MAX_MS * 2);
    expect(sent).toEqual(['a']);
  });
});
