// @vitest-environment jsdom
import { renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flowKit } from '../flows/call-fakes.test-support';
import { callReducer, initialCallState, type CallEvent, type CallState } from '../logic/call-machine';
import { endsOwnRing } from './use-call-end';
import { useGoodbyeOnPageHide } from './use-goodbye-on-page-hide';
import { RECONNECT_MS, useIceRestart } from './use-ice-restart';
import { CLIENT_RING_MS, useRingTimeout } from './use-ring-timeout';

const peer = { id: 'patient-1', name: 'Grace', role: 'patient', avatarUrl: null } as const;
const run = (events: CallEvent[]) => events.reduce<CallState>(callReducer, initialCallState);
const calling = run([{ type: 'start', callId: 'call-1', peer, video: true }]);
const connected = run([
  { type: 'start', callId: 'call-1', peer, video: true },
  { type: 'remote-answered', callId: 'call-1' },
  { type: 'connection', state: 'connected', at: 1 },
]);
const reconnecting = callReducer(connected, { type: 'connection', state: 'disconnected', at: 2 });
const ringing = run([{ type: 'incoming', callId: 'call-1', peer, video: true }]);

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('useRingTimeout', () => {
  it('gives up after CLIENT_RING_MS of ringing, and not once answered', () => {
    const dispatch = vi.fn();
    const { rerender } = renderHook(({ status }) => useRingTimeout(status, dispatch), {
      initialProps: { status: calling.status },
    });
    vi.advanceTimersByTime(CLIENT_RING_MS - 1);
    expect(dispatch).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(dispatch).toHaveBeenCalledWith({ type: 'ring-timeout' });

    dispatch.mockClear();
    rerender({ status: connected.status });
    vi.advanceTimersByTime(CLIENT_RING_MS * 2);
    expect(dispatch).not.toHaveBeenCalled();
  });
});

describe('useIceRestart', () => {
  it('the caller restarts ICE and sends the offer; after RECONNECT_MS it gives up', async () => {
    const kit = flowKit();
    kit.call.claim('call-1');
    kit.call.open('call-1', [], kit.signals);
    const dispatch = vi.fn();
    renderHook(() => useIceRestart(reconnecting, kit.call, kit.signals, dispatch));
    await vi.advanceTimersByTimeAsync(0);
    expect(kit.sessions[0]!.steps).toEqual(['restartIce']);
    expect(kit.signals.said).toEqual(['call-renegotiate:call-1:offer']);
    await vi.advanceTimersByTimeAsync(RECONNECT_MS);
    expect(dispatch).toHaveBeenCalledWith({ type: 'reconnect-timeout' });
  });

  it('the callee only waits (one side restarts, so offers never cross)', async () => {
    const kit = flowKit();
    const calleeReconnecting = { ...reconnecting, direction: 'incoming' } as CallState;
    kit.call.claim('call-1');
    kit.call.open('call-1', [], kit.signals);
    renderHook(() => useIceRestart(calleeReconnecting, kit.call, kit.signals, vi.fn()));
    await vi.advanceTimersByTimeAsync(0);
    expect(kit.sessions[0]!.steps).toEqual([]);
  });
});

describe('useGoodbyeOnPageHide', () => {
  it('a closing tab in a call says call-end; one that only rings says nothing', () => {
    const kit = flowKit();
    kit.call.claim('call-1');
    const { rerender, unmount } = renderHook(({ state }) => useGoodbyeOnPageHide(state, kit.call, kit.signals), {
      initialProps: { state: ringing },
    });
    window.dispatchEvent(new Event('pagehide'));
    expect(kit.signals.said).toEqual([]);
    rerender({ state: connected });
    window.dispatchEvent(new Event('pagehide'));
    expect(kit.signals.said).toEqual(['call-end:call-1']);
    unmount();
    window.dispatchEvent(new Event('pagehide'));
    expect(kit.signals.said).toHaveLength(1);
  });
});

describe('endsOwnRing', () => {
  it('is our own ring timer on a call we placed, still the live one', () => {
    const timedOut = callReducer(calling, { type: 'ring-timeout' });
    if (timedOut.status !== 'ended') throw new Error('expected ended');
    expect(endsOwnRing(timedOut, 'call-1')).toBe(true);
    expect(endsOwnRing(timedOut, null)).toBe(false);
    const missed = callReducer(ringing, { type: 'ring-timeout' });
    if (missed.status !== 'ended') throw new Error('expected ended');
    expect(endsOwnRing(missed, 'call-1')).toBe(false);
  });
});
