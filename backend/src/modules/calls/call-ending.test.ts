import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCallTimers, outcomeOf } from './call-ending.js';
import type { LiveCall } from './call-registry.js';

const call = (answeredAt: number | null): LiveCall => ({
  callId: 'call-1',
  callerId: 'p1',
  calleeId: 'd1',
  video: true,
  state: answeredAt === null ? 'ringing' : 'active',
  startedAt: 1_000,
  answeredAt,
  callerSocketId: 's1',
  calleeSocketId: answeredAt === null ? null : 's2',
});

describe('what an ended call leaves in the thread', () => {
  it('an answered call is completed, with its length from the answer, rounded', () => {
    expect(outcomeOf(call(2_000), 'hangup', 6_600)).toEqual({
      callId: 'call-1',
      callerId: 'p1',
      calleeId: 'd1',
      outcome: 'completed',
      durationSeconds: 5,
    });
  });

  it('an unanswered call is missed, or rejected when the callee declined, and lasted nothing', () => {
    expect(outcomeOf(call(null), 'timeout', 9_000)).toMatchObject({ outcome: 'missed', durationSeconds: 0 });
    expect(outcomeOf(call(null), 'hangup', 9_000)).toMatchObject({ outcome: 'missed', durationSeconds: 0 });
    expect(outcomeOf(call(null), 'rejected', 9_000)).toMatchObject({ outcome: 'rejected', durationSeconds: 0 });
  });

  it('a clock that went back never makes a negative length', () => {
    expect(outcomeOf(call(5_000), 'hangup', 4_000).durationSeconds).toBe(0);
  });
});

describe('call timers', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('a stopped timer never fires, and one that fired is forgotten', () => {
    vi.useFakeTimers();
    const timers = createCallTimers();
    const fired: string[] = [];
    timers.ring('a', 1, () => fired.push('a'));
    timers.ring('b', 1, () => fired.push('b'));
    timers.stopRing('a');
    vi.advanceTimersByTime(1);
    expect(fired).toEqual(['b']);
    timers.stopRing('b'); // already gone: a no-op
    timers.grace('s1', 1, () => fired.push('s1'));
    timers.clear();
    vi.advanceTimersByTime(1);
    expect(fired).toEqual(['b']);
  });
});
