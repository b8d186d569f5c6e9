import { describe, expect, it } from 'vitest';
import { createLocalCallRegistry, type LiveCall } from './call-registry.js';
import { createTokenBucket } from '../../lib/token-bucket.js';

const ringing = (callId: string, callerId: string, calleeId: string): LiveCall => ({
  callId,
  callerId,
  calleeId,
  video: true,
  state: 'ringing',
  startedAt: 0,
  answeredAt: null,
  callerSocketId: `${callerId}-socket`,
  calleeSocketId: null,
});

describe('the local call registry', () => {
  it('starts a call unless either person is in one, or the id is taken', async () => {
    const registry = createLocalCallRegistry();
    expect(await registry.tryStart(ringing('call-1', 'ann', 'bob'))).toEqual({ started: true });
    expect(await registry.tryStart(ringing('call-2', 'cat', 'bob'))).toEqual({ started: false, reason: 'busy' });
    expect(await registry.tryStart(ringing('call-3', 'ann', 'dan'))).toEqual({ started: false, reason: 'busy' });
    expect(await registry.tryStart(ringing('call-1', 'cat', 'dan'))).toEqual({ started: false, reason: 'duplicate-id' });
    expect((await registry.callOf('bob'))?.callId).toBe('call-1');
    expect(await registry.callOf('cat')).toBeUndefined();
  });

  it('lets exactly one tab answer', async () => {
    const registry = createLocalCallRegistry();
    await registry.tryStart(ringing('call-1', 'ann', 'bob'));
    expect(await registry.markAnswered('call-1', 'bob-tab-1', 5)).toMatchObject({
      state: 'active',
      calleeSocketId: 'bob-tab-1',
      answeredAt: 5,
    });
    expect(await registry.markAnswered('call-1', 'bob-tab-2', 6)).toBeUndefined();
  });

  it('removes a call once, and a ring timeout does not remove an answered call', async () => {
    const registry = createLocalCallRegistry();
    await registry.tryStart(ringing('call-1', 'ann', 'bob'));
    await registry.markAnswered('call-1', 'bob-tab-1', 5);
    expect(await registry.remove('call-1', 'ringing')).toBeUndefined();
    expect((await registry.remove('call-1'))?.callId).toBe('call-1');
    expect(await registry.remove('call-1')).toBeUndefined();
    expect(await registry.callOf('ann')).toBeUndefined();
    expect(await registry.tryStart(ringing('call-2', 'bob', 'ann'))).toEqual({ started: true });
  });

  it('hands out copies, so callers cannot change a call behind its back', async () => {
    const registry = createLocalCallRegistry();
    await registry.tryStart(ringing('call-1', 'ann', 'bob'));
    const copy = (await registry.get('call-1'))!;
    copy.state = 'active';
    expect((await registry.get('call-1'))?.state).toBe('ringing');
  });
});

describe('the token bucket', () => {
  it('allows a burst, then refills at the given rate', () => {
    let now = 0;
    const bucket = createTokenBucket({ perSecond: 50, burst: 100, now: () => now });
    const burst = Array.from({ length: 120 }, () => bucket.take());
    expect(burst.filter(Boolean)).toHaveLength(100);
    now += 100; // 0.1 s → 5 tokens
    expect(Array.from({ length: 10 }, () => bucket.take()).filter(Boolean)).toHaveLength(5);
    now += 60_000;
    expect(Array.from({ length: 150 }, () => bucket.take()).filter(Boolean)).toHaveLength(100);
  });
});
