import { describe, expect, it } from 'vitest';
import { DOCTOR, ME, message, OTHER } from './test-fixtures';
import { nextOrder, nextToSend, sortOutbox, threadItems, type OutboxEntry } from './outbox';

function entry(clientId: string, order: number, overrides: Partial<OutboxEntry> = {}): OutboxEntry {
  return {
    clientId,
    senderId: ME,
    receiverId: DOCTOR,
    text: `text ${clientId}`,
    replyTo: null,
    file: null,
    createdAt: new Date(order).toISOString(),
    order,
    state: 'queued',
    error: null,
    ...overrides,
  };
}

describe('outbox order', () => {
  it('sends the oldest queued entry first, skipping failed ones and ones already on their way', () => {
    const entries = [entry('c', 3), entry('a', 1, { state: 'failed' }), entry('b', 2)];
    expect(sortOutbox(entries).map((item) => item.clientId)).toEqual(['a', 'b', 'c']);
    expect(nextToSend(entries)?.clientId).toBe('b');
    expect(nextToSend(entries, new Set(['b']))?.clientId).toBe('c');
    expect(nextToSend([entry('a', 1, { state: 'failed' })])).toBeNull();
  });

  it('numbers a new entry after every existing one, even if the clock went back', () => {
    expect(nextOrder([entry('a', 5_000)], 1_000)).toBe(5_001);
    expect(nextOrder([], 1_000)).toBe(1_000);
  });
});

describe('threadItems', () => {
  it('shows stored messages with sent/read ticks on mine, then pending ones as sending or failed', () => {
    const stored = [
      message(1),
      message(2, { senderId: ME, receiverId: DOCTOR }),
      message(3, { senderId: ME, receiverId: DOCTOR, readAt: 'x' }),
    ];
    const items = threadItems(stored, [entry('late', 20), entry('early', 10, { state: 'failed' })], ME, DOCTOR);
    expect(items.map((item) => item.status)).toEqual([null, 'sent', 'read', 'failed', 'sending']);
    expect(items.slice(3).map((item) => item.message.text)).toEqual(['text early', 'text late']);
  });

  it('shows a message once when the server has stored it but the outbox has not yet let go', () => {
    const stored = [message(1, { senderId: ME, receiverId: DOCTOR, clientId: 'c1' })];
    const items = threadItems(stored, [entry('c1', 1)], ME, DOCTOR);
    expect(items).toHaveLength(1);
    expect(items[0]!.status).toBe('sent');
  });

  it('keeps the same key while a message goes from pending to stored, so the list does not jump', () => {
    const pendingKey = threadItems([], [entry('c1', 1)], ME, DOCTOR)[0]!.key;
    const storedKey = threadItems([message(1, { senderId: ME, receiverId: DOCTOR, clientId: 'c1' })], [], ME, DOCTOR)[0]!.key;
    expect(storedKey).toBe(pendingKey);
  });

  it('leaves out pending messages to someone else', () => {
    expect(threadItems([], [entry('c1', 1, { receiverId: OTHER })], ME, DOCTOR)).toEqual([]);
  });

  it('gives call records no ticks', () => {
    const call = message(1, { kind: 'call', senderId: ME, receiverId: DOCTOR, call: { outcome: 'missed', durationSeconds: 0 } });
    expect(threadItems([call], [], ME, DOCTOR)[0]!.status).toBeNull();
  });
});
