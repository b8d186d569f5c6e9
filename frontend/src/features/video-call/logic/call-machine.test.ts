import { describe, expect, it } from 'vitest';
import {
  callDirection,
  callReducer,
  elapsedSeconds,
  initialCallState,
  isInCall,
  type CallEvent,
  type CallPeer,
  type CallState,
} from './call-machine';

const peer: CallPeer = { id: 'doctor-1', name: 'Dr Ada', role: 'doctor', avatarUrl: null };
const callId = 'call-abc-123';

const run = (events: CallEvent[], from: CallState = initialCallState) => events.reduce(callReducer, from);

const calling = run([{ type: 'start', callId, peer, video: true }]);
const ringing = run([{ type: 'incoming', callId, peer, video: false }]);
const connectingOut = run([{ type: 'remote-answered', callId }], calling);
const connectingIn = run([{ type: 'accept' }], ringing);
const connected = run([{ type: 'connection', state: 'connected', at: 1_000 }], connectingOut);
const reconnecting = run([{ type: 'connection', state: 'disconnected', at: 5_000 }], connected);
const endedState = run([{ type: 'hang-up' }], connected);

/** Every state the machine can be in, to prove events that don't apply leave each one alone. */
const everyState: Record<CallState['status'], CallState> = {
  idle: initialCallState,
  calling,
  ringing,
  connecting: connectingOut,
  connected,
  reconnecting,
  ended: endedState,
};

function expectIgnored(event: CallEvent, except: CallState['status'][]) {
  for (const [status, state] of Object.entries(everyState)) {
    if (except.includes(status as CallState['status'])) continue;
    expect(callReducer(state, event), `${event.type} in ${status}`).toBe(state);
  }
}

describe('placing a call', () => {
  it('start: idle → calling, not yet acknowledged', () => {
    expect(calling).toEqual({ status: 'calling', acked: false, callId, peer, video: true });
  });

  it('start is allowed again from the ended screen, and ignored mid-call', () => {
    expect(callReducer(endedState, { type: 'start', callId: 'call-next-1', peer, video: false })).toMatchObject({
      status: 'calling',
      callId: 'call-next-1',
    });
    expectIgnored({ type: 'start', callId: 'call-other', peer, video: true }, ['idle', 'ended']);
  });

  it('the server acks the call: still calling, now acked; a second ack or another call id changes nothing', () => {
    const acked = callReducer(calling, { type: 'call-acked', callId });
    expect(acked).toMatchObject({ status: 'calling', acked: true });
    expect(callReducer(acked, { type: 'call-acked', callId })).toBe(acked);
    expect(callReducer(calling, { type: 'call-acked', callId: 'call-stale-1' })).toBe(calling);
    expectIgnored({ type: 'call-acked', callId }, ['calling']);
  });

  it.each(['OFFLINE', 'BUSY', 'FORBIDDEN'] as const)('the server refuses with %s: ended, failed, with that error', (error) => {
    expect(callReducer(calling, { type: 'call-refused', callId, error })).toEqual({
      status: 'ended',
      callId,
      peer,
      direction: 'outgoing',
      reason: 'failed',
      by: 'system',
      error,
    });
  });

  it('a refusal for another call id, or outside calling, is ignored', () => {
    expect(callReducer(calling, { type: 'call-refused', callId: 'call-stale-1', error: 'BUSY' })).toBe(calling);
    expectIgnored({ type: 'call-refused', callId, error: 'BUSY' }, ['calling']);
  });

  it('the callee answers: calling → connecting (outgoing)', () => {
    expect(connectingOut).toEqual({ status: 'connecting', direction: 'outgoing', callId, peer, video: true });
    expect(callReducer(calling, { type: 'remote-answered', callId: 'call-stale-1' })).toBe(calling);
    expectIgnored({ type: 'remote-answered', callId }, ['calling']);
  });
});

describe('receiving a call', () => {
  it('incoming: idle → ringing; ignored while already in a call', () => {
    expect(ringing).toEqual({ status: 'ringing', callId, peer, video: false });
    expect(callReducer(endedState, { type: 'incoming', callId: 'call-next-2', peer, video: true })).toMatchObject({
      status: 'ringing',
      callId: 'call-next-2',
    });
    expectIgnored({ type: 'incoming', callId: 'call-other', peer, video: true }, ['idle', 'ended']);
  });

  it('accept: ringing → connecting (incoming); ignored elsewhere', () => {
    expect(connectingIn).toEqual({ status: 'connecting', direction: 'incoming', callId, peer, video: false });
    expectIgnored({ type: 'accept' }, ['ringing']);
  });

  it('decline: ringing → ended rejected by me; ignored elsewhere', () => {
    expect(callReducer(ringing, { type: 'decline' })).toEqual({
      status: 'ended',
      callId,
      peer,
      direction: 'incoming',
      reason: 'rejected',
      by: 'me',
    });
    expectIgnored({ type: 'decline' }, ['ringing']);
  });

  it('answered on another tab: ringing → ended, saying so', () => {
    expect(callReducer(ringing, { type: 'remote-ended', callId, reason: 'hangup', answeredElsewhere: true })).toEqual({
      status: 'ended',
      callId,
      peer,
      direction: 'incoming',
      reason: 'hangup',
      by: 'peer',
      answeredElsewhere: true,
    });
  });
});

describe('the connection', () => {
  it('connected: connecting → connected, remembering when', () => {
    expect(connected).toMatchObject({ status: 'connected', connectedAt: 1_000, direction: 'outgoing' });
    expect(callReducer(connectingIn, { type: 'connection', state: 'connected', at: 2_000 })).toMatchObject({
      status: 'connected',
      direction: 'incoming',
    });
  });

  it('a first connection that fails ends the call (no path at all), and disconnected while connecting waits', () => {
    expect(callReducer(connectingOut, { type: 'connection', state: 'failed', at: 2_000 })).toEqual({
      status: 'ended',
      callId,
      peer,
      direction: 'outgoing',
      reason: 'failed',
      by: 'system',
      error: 'connection-failed',
    });
    expect(callReducer(connectingOut, { type: 'connection', state: 'disconnected', at: 2_000 })).toBe(connectingOut);
  });

  it.each(['disconnected', 'failed'] as const)(
    '%s while connected → reconnecting (ICE restart), keeping the start time',
    (signal) => {
      expect(callReducer(connected, { type: 'connection', state: signal, at: 9_000 })).toMatchObject({
        status: 'reconnecting',
        connectedAt: 1_000,
      });
    },
  );

  it('connected again: reconnecting → connected, the timer continues from the first start', () => {
    expect(callReducer(reconnecting, { type: 'connection', state: 'connected', at: 9_000 })).toMatchObject({
      status: 'connected',
      connectedAt: 1_000,
    });
  });

  it('the restart fails, or takes too long: reconnecting → ended failed', () => {
    const failed = {
      status: 'ended',
      callId,
      peer,
      direction: 'outgoing',
      reason: 'failed',
      by: 'system',
      error: 'connection-failed',
      connectedAt: 1_000,
    };
    expect(callReducer(reconnecting, { type: 'connection', state: 'failed', at: 9_000 })).toEqual(failed);
    expect(callReducer(reconnecting, { type: 'reconnect-timeout' })).toEqual(failed);
  });

  it('repeated signals change nothing: connected while connected, disconnected while reconnecting', () => {
    expect(callReducer(connected, { type: 'connection', state: 'connected', at: 9_000 })).toBe(connected);
    expect(callReducer(reconnecting, { type: 'connection', state: 'disconnected', at: 9_000 })).toBe(reconnecting);
  });

  it('connection signals before the answer or after the end are ignored', () => {
    for (const signal of ['connected', 'disconnected', 'failed'] as const) {
      for (const state of [initialCallState, calling, ringing, endedState]) {
        expect(callReducer(state, { type: 'connection', state: signal, at: 1 })).toBe(state);
      }
    }
  });

  it('reconnect-timeout outside reconnecting is ignored', () => {
    expectIgnored({ type: 'reconnect-timeout' }, ['reconnecting']);
  });
});

describe('ending', () => {
  it.each(['calling', 'connecting', 'connected', 'reconnecting'] as const)('hang-up in %s → ended hangup by me', (status) => {
    expect(callReducer(everyState[status], { type: 'hang-up' })).toMatchObject({
      status: 'ended',
      reason: 'hangup',
      by: 'me',
      callId,
    });
  });

  it('hang-up while it rings here is a decline; ignored when idle or ended', () => {
    expect(callReducer(ringing, { type: 'hang-up' })).toMatchObject({ status: 'ended', reason: 'rejected', by: 'me' });
    expectIgnored({ type: 'hang-up' }, ['calling', 'ringing', 'connecting', 'connected', 'reconnecting']);
  });

  it.each([
    ['hangup', 'peer'],
    ['rejected', 'peer'],
    ['disconnected', 'peer'],
    ['timeout', 'system'],
  ] as const)('the server ends it (%s) → ended, by %s, from any live state', (reason, by) => {
    for (const [status, direction] of [
      ['calling', 'outgoing'],
      ['ringing', 'incoming'],
      ['connecting', 'outgoing'],
    ] as const) {
      expect(callReducer(everyState[status], { type: 'remote-ended', callId, reason })).toEqual({
        status: 'ended',
        callId,
        peer,
        direction,
        reason,
        by,
      });
    }
    for (const status of ['connected', 'reconnecting'] as const) {
      expect(callReducer(everyState[status], { type: 'remote-ended', callId, reason })).toEqual({
        status: 'ended',
        callId,
        peer,
        direction: 'outgoing',
        reason,
        by,
        connectedAt: 1_000,
      });
    }
  });

  it('an ended call that had connected keeps when, for the length the ended screen shows; one that never did has none', () => {
    expect(endedState).toMatchObject({ status: 'ended', connectedAt: 1_000 });
    expect(callReducer(calling, { type: 'hang-up' })).not.toHaveProperty('connectedAt');
    expect(callReducer(connectingIn, { type: 'connection', state: 'failed', at: 3_000 })).not.toHaveProperty('connectedAt');
  });

  it('an end for another call, or when no call is live, is ignored', () => {
    expect(callReducer(connected, { type: 'remote-ended', callId: 'call-stale-1', reason: 'hangup' })).toBe(connected);
    expectIgnored({ type: 'remote-ended', callId, reason: 'hangup' }, [
      'calling',
      'ringing',
      'connecting',
      'connected',
      'reconnecting',
    ]);
  });

  it('an ended call keeps who placed it, so the ended screen needs nothing else to say "No answer" or "Missed call"', () => {
    expect(callReducer(calling, { type: 'ring-timeout' })).toMatchObject({ status: 'ended', direction: 'outgoing' });
    expect(callReducer(ringing, { type: 'ring-timeout' })).toMatchObject({ status: 'ended', direction: 'incoming' });
    expect(
      callReducer(run([{ type: 'connection', state: 'connected', at: 2_000 }], connectingIn), { type: 'hang-up' }),
    ).toMatchObject({
      status: 'ended',
      direction: 'incoming',
    });
  });

  it('the client ring timer: calling or ringing → ended timeout; ignored once answered', () => {
    expect(callReducer(calling, { type: 'ring-timeout' })).toEqual({
      status: 'ended',
      callId,
      peer,
      direction: 'outgoing',
      reason: 'timeout',
      by: 'system',
    });
    expect(callReducer(ringing, { type: 'ring-timeout' })).toMatchObject({ status: 'ended', reason: 'timeout' });
    expectIgnored({ type: 'ring-timeout' }, ['calling', 'ringing']);
  });

  it('signalling fails on this side (no ICE servers, answer refused) → ended failed, from any live state of that call', () => {
    for (const status of ['calling', 'ringing', 'connecting', 'connected', 'reconnecting'] as const) {
      expect(callReducer(everyState[status], { type: 'signalling-failed', callId, error: 'NO_SUCH_CALL' })).toMatchObject({
        status: 'ended',
        callId,
        peer,
        reason: 'failed',
        by: 'system',
        error: 'NO_SUCH_CALL',
      });
    }
    expect(callReducer(connected, { type: 'signalling-failed', callId: 'call-stale-1', error: 'unknown' })).toBe(connected);
    expectIgnored({ type: 'signalling-failed', callId, error: 'unknown' }, [
      'calling',
      'ringing',
      'connecting',
      'connected',
      'reconnecting',
    ]);
  });

  it('reset: ended → idle; ignored elsewhere (a live call is never dismissed)', () => {
    expect(callReducer(endedState, { type: 'reset' })).toBe(initialCallState);
    expectIgnored({ type: 'reset' }, ['ended']);
  });
});

describe('selectors', () => {
  it('isInCall and callDirection per state', () => {
    const table = Object.fromEntries(
      Object.entries(everyState).map(([status, state]) => [status, [isInCall(state), callDirection(state)]]),
    );
    expect(table).toEqual({
      idle: [false, null],
      calling: [true, 'outgoing'],
      ringing: [true, 'incoming'],
      connecting: [true, 'outgoing'],
      connected: [true, 'outgoing'],
      reconnecting: [true, 'outgoing'],
      ended: [false, 'outgoing'],
    });
    expect(callDirection(connectingIn)).toBe('incoming');
  });

  it('elapsedSeconds', () => {
    expect(elapsedSeconds(calling, 10_000)).toBeNull();
    expect(elapsedSeconds(connected, 43_500)).toBe(42);
    expect(elapsedSeconds(reconnecting, 11_000)).toBe(10);
  });
});
