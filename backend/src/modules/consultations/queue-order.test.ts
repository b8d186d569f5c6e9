import { describe, expect, it } from 'vitest';
import {
  compareQueueOrder,
  estimateWaitSeconds,
  mayTake,
  median,
  positionsOf,
  queueFor,
  type QueueEntry,
} from './queue-order.js';

const at = (minute: number) => new Date(Date.UTC(2025, 0, 1, 9, minute));
const entry = (
  id: string,
  urgency: 'urgent' | 'routine',
  minute: number,
  requestedDoctorId: string | null = null,
): QueueEntry => ({
  id,
  urgencyRank: urgency === 'urgent' ? 0 : 1,
  createdAt: at(minute),
  requestedDoctorId,
});

describe('queue order', () => {
  it('puts urgent requests first, then the oldest', () => {
    const entries = [entry('a', 'routine', 1), entry('b', 'routine', 0), entry('c', 'urgent', 5), entry('d', 'urgent', 3)];
    expect([...entries].sort(compareQueueOrder).map((item) => item.id)).toEqual(['d', 'c', 'b', 'a']);
  });

  it('breaks a tie on time by id, so every instance agrees on the order', () => {
    const entries = [entry('y', 'routine', 1), entry('x', 'routine', 1)];
    expect([...entries].sort(compareQueueOrder).map((item) => item.id)).toEqual(['x', 'y']);
  });

  it('numbers positions from 1 in the global order', () => {
    const positions = positionsOf([entry('a', 'routine', 0), entry('b', 'urgent', 9), entry('c', 'routine', 1, 'doctor-2')]);
    expect(Object.fromEntries(positions)).toEqual({ b: 1, a: 2, c: 3 });
  });
});

describe('who may take what', () => {
  it('lets any doctor take an open request, and only the named doctor a named one', () => {
    expect(mayTake({ requestedDoctorId: null }, 'doctor-1')).toBe(true);
    expect(mayTake({ requestedDoctorId: 'doctor-1' }, 'doctor-1')).toBe(true);
    expect(mayTake({ requestedDoctorId: 'doctor-2' }, 'doctor-1')).toBe(false);
  });

  it('gives each doctor the global order without the requests named for someone else', () => {
    const ordered = [entry('a', 'urgent', 0, 'doctor-2'), entry('b', 'routine', 1), entry('c', 'routine', 2, 'doctor-1')];
    expect(queueFor(ordered, 'doctor-1').map((item) => item.id)).toEqual(['b', 'c']);
    expect(queueFor(ordered, 'doctor-2').map((item) => item.id)).toEqual(['a', 'b']);
  });
});

describe('estimated wait', () => {
  it('is unknown without history', () => {
    expect(median([])).toBeNull();
    expect(estimateWaitSeconds(3, null)).toBeNull();
  });

  it('is the position times the median length', () => {
    expect(median([600, 60, 300])).toBe(300);
    expect(median([100, 200, 300, 10_000])).toBe(250);
    expect(estimateWaitSeconds(3, 300)).toBe(900);
  });
});
