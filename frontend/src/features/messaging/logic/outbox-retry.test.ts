import { describe, expect, it } from 'vitest';
import { nextToSend, type OutboxEntry } from './outbox';
import { pauseEntry, pausedNotice, planRetry, sendingPausedUntil } from './outbox-retry';

const NOW = 1_000_000;

function entry(clientId: string, order: number): OutboxEntry {
  return {
    clientId,
    senderId: 'me',
    receiverId: 'doctor',
    text: `message ${order}`,
    replyTo: null,
    file: null,
    createdAt: new Date(NOW).toISOString(),
    order,
    state: 'queued',
    error: null,
  };
}

describe('a send answered 429 Too Many Requests', () => {
  it('waits exactly as long as Retry-After says, and marks the entry paused until then', () => {
    expect(planRetry({ status: 429, retryAfterSeconds: 7 }, 1_000, NOW)).toEqual({ delayMs: 7_000, pausedUntil: NOW + 7_000 });
  });

  it('waits a second at least when the 429 came without Retry-After', () => {
    expect(planRetry({ status: 429, retryAfterSeconds: null }, 1_000, NOW)).toEqual({ delayMs: 1_000, pausedUntil: NOW + 1_000 });
  });

  it('keeps the message queued, first in line, to be sent again after the wait', () => {
    const outbox = [pauseEntry(entry('a', 1), NOW + 7_000), entry('b', 2)];
    expect(outbox[0]!.state).toBe('queued');
    expect(nextToSend(outbox)?.clientId).toBe('a');
  });

  it('tells the composer sending is paused, and for how long, until the wait is over', () => {
    const outbox = [pauseEntry(entry('a', 1), NOW + 7_000), entry('b', 2)];
    expect(sendingPausedUntil(outbox, NOW)).toBe(NOW + 7_000);
    expect(pausedNotice(NOW + 7_000, NOW)).toBe('Sending paused: too many messages. Yours are kept and will be sent in 7 s.');
    expect(pausedNotice(NOW + 7_000, NOW + 6_500)).toMatch(/in 1 s\.$/);
    expect(sendingPausedUntil(outbox, NOW + 7_000)).toBeNull();
  });
});

describe('other failures', () => {
  it('back off as before and pause nothing', () => {
    expect(planRetry({ status: 0, retryAfterSeconds: null }, 2_000, NOW)).toEqual({ delayMs: 2_000, pausedUntil: null });
    expect(planRetry({ status: 503, retryAfterSeconds: 5 }, 2_000, NOW)).toEqual({ delayMs: 5_000, pausedUntil: null });
    expect(sendingPausedUntil([entry('a', 1)], NOW)).toBeNull();
  });
});
