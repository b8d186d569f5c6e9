import type { CallEndReason, PublicUser } from '@telehealth/shared';

/**
 * The call as the UI sees it, as a pure reducer: `callReducer(state, event) → state`.
 * Side effects (getUserMedia, RTCPeerConnection, socket emits) live in the flows and hooks around
 * it (docs/calls.md), which dispatch what happened and react to the state they get back. An event that does not apply to
 * the current state (a late server event, a double click) returns the very same state object.
 *
 *   idle ──start──▶ calling ──remote-answered──▶ connecting ──connected──▶ connected
 *   idle ──incoming──▶ ringing ──accept──▶ connecting            ▲   │ disconnected/failed
 *                                                                │   ▼
 *                                                      connected └─ reconnecting ──failed/timeout──▶ ended
 *   every live state ──hang-up / remote-ended / errors──▶ ended ──reset──▶ idle
 */

/** Who is on the other end. */
export type CallPeer = Pick<PublicUser, 'id' | 'name' | 'role' | 'avatarUrl'>;

/** Why a call could not go on, beyond the server's end reasons. */
export type CallErrorCode =
  'OFFLINE' | 'BUSY' | 'FORBIDDEN' | 'NO_SUCH_CALL' | 'permission-denied' | 'no-device' | 'connection-failed' | 'unknown';

/** The server's reasons, plus `failed`: it never got going, or the connection could not be restored. */
export type EndedReason = CallEndReason | 'failed';

/** Who ended it: this user, the other person, or nobody in particular (timeouts, networks). */
export type EndedBy = 'me' | 'peer' | 'system';

export type Direction = 'outgoing' | 'incoming';

interface LiveCall {
  callId: string;
  peer: CallPeer;
  video: boolean;
}

export type CallState =
  | { status: 'idle' }
  /** outgoing, ringing on the other side; `acked` once the server has accepted the call */
  | ({ status: 'calling'; acked: boolean } & LiveCall)
  /** incoming, ringing here */
  | ({ status: 'ringing' } & LiveCall)
  /** answered; ICE is finding a path */
  | ({ status: 'connecting'; direction: Direction } & LiveCall)
  | ({ status: 'connected'; direction: Direction; connectedAt: number } & LiveCall)
  /** the path broke; an ICE restart is in progress (the provider calls `restartIce()` on entering) */
  | ({ status: 'reconnecting'; direction: Direction; connectedAt: number } & LiveCall)
  | {
      status: 'ended';
      callId: string | null;
      peer: CallPeer | null;
      /** who placed the call: the ended screen says "No answer" to the caller, "Missed call" to the callee */
      direction: Direction;
      reason: EndedReason;
      by: EndedBy;
      error?: CallErrorCode;
      /** the callee picked up on another tab or device */
      answeredElsewhere?: boolean;
      /** when media first flowed, if it ever did: the ended screen says how long the call lasted */
      connectedAt?: number;
    };

export type CallStatus = CallState['status'];

/** ICE connection states the machine cares about; others (`new`, `checking`, `closed`) are ignored. */
export type ConnectionSignal = 'connected' | 'disconnected' | 'failed';

export type CallEvent =
  /** the user clicks "call" */
  | { type: 'start'; callId: string; peer: CallPeer; video: boolean }
  /** the server's ack to `call-user`: ok */
  | { type: 'call-acked'; callId: string }
  /** the server's ack to `call-user`: refused */
  | { type: 'call-refused'; callId: string; error: CallErrorCode }
  /** `call-made` from the server */
  | { type: 'incoming'; callId: string; peer: CallPeer; video: boolean }
  | { type: 'accept' }
  | { type: 'decline' }
  /** `call-answered` from the server */
  | { type: 'remote-answered'; callId: string }
  /** from RTCPeerConnection's `iceconnectionstatechange`/`connectionstatechange`; `at` is ms since the epoch */
  | { type: 'connection'; state: ConnectionSignal; at: number }
  /** the ICE restart did not bring the connection back in time */
  | { type: 'reconnect-timeout' }
  /** `call-ended` from the server */
  | { type: 'remote-ended'; callId: string; reason: CallEndReason; answeredElsewhere?: boolean }
  | { type: 'hang-up' }
  /** the client's own ring timer, a safety net if the server's `timeout` never arrives */
  | { type: 'ring-timeout' }
  /**
   * Signalling for a live call broke down on this side: the ICE servers could not be fetched, or
   * the server refused `answer-call` (the call ended or another tab won). Ends the call as failed.
   */
  | { type: 'signalling-failed'; callId: string; error: CallErrorCode }
  /** the ended screen is dismissed */
  | { type: 'reset' };

export const initialCallState: CallState = { status: 'idle' };

type Live = Exclude<CallState, { status: 'idle' } | { status: 'ended' }>;

function ended(
  from: Live,
  reason: EndedReason,
  by: EndedBy,
  extra: { error?: CallErrorCode; answeredElsewhere?: boolean } = {},
): CallState {
  const connected = 'connectedAt' in from ? { connectedAt: from.connectedAt } : {};
  const direction = from.status === 'calling' ? 'outgoing' : from.status === 'ringing' ? 'incoming' : from.direction;
  return { status: 'ended', callId: from.callId, peer: from.peer, direction, reason, by, ...extra, ...connected };
}

function call(state: Live): LiveCall {
  return { callId: state.callId, peer: state.peer, video: state.video };
}

/** The next state of the call; unchanged (the same object) when the event does not apply. */
export function callReducer(state: CallState, event: CallEvent): CallState {
  switch (event.type) {
    case 'start':
      if (state.status !== 'idle' && state.status !== 'ended') return state;
      return { status: 'calling', acked: false, callId: event.callId, peer: event.peer, video: event.video };

    case 'incoming':
      // Already in a call: the server answers the caller BUSY, so a stray ring is ignored here.
      if (state.status !== 'idle' && state.status !== 'ended') return state;
      return { status: 'ringing', callId: event.callId, peer: event.peer, video: event.video };

    case 'call-acked':
      if (state.status !== 'calling' || state.callId !== event.callId || state.acked) return state;
      return { ...state, acked: true };

    case 'call-refused':
      if (state.status !== 'calling' || state.callId !== event.callId) return state;
      return ended(state, 'failed', 'system', { error: event.error });

    case 'accept':
      if (state.status !== 'ringing') return state;
      return { status: 'connecting', direction: 'incoming', ...call(state) };

    case 'decline':
      if (state.status !== 'ringing') return state;
      return ended(state, 'rejected', 'me');

    case 'remote-answered':
      if (state.status !== 'calling' || state.callId !== event.callId) return state;
      return { status: 'connecting', direction: 'outgoing', ...call(state) };

    case 'connection':
      return onConnection(state, event.state, event.at);

    case 'reconnect-timeout':
      if (state.status !== 'reconnecting') return state;
      return ended(state, 'failed', 'system', { error: 'connection-failed' });

    case 'remote-ended':
      if (state.status === 'idle' || state.status === 'ended' || state.callId !== event.callId) return state;
      return ended(
        state,
        event.reason,
        event.reason === 'timeout' ? 'system' : 'peer',
        event.answeredElsewhere ? { answeredElsewhere: true } : {},
      );

    case 'hang-up':
      if (state.status === 'idle' || state.status === 'ended') return state;
      // Hanging up a call that rings here is declining it.
      return state.status === 'ringing' ? ended(state, 'rejected', 'me') : ended(state, 'hangup', 'me');

    case 'ring-timeout':
      if (state.status !== 'calling' && state.status !== 'ringing') return state;
      return ended(state, 'timeout', 'system');

    case 'signalling-failed':
      if (!isInCall(state) || state.callId !== event.callId) return state;
      return ended(state, 'failed', 'system', { error: event.error });

    case 'reset':
      return state.status === 'ended' ? initialCallState : state;
  }
}

function onConnection(state: CallState, signal: ConnectionSignal, at: number): CallState {
  switch (state.status) {
    case 'connecting':
      if (signal === 'connected') return { ...state, status: 'connected', connectedAt: at };
      // A first connection that fails found no path at all (often: TURN is needed); a restart won't find one either.
      if (signal === 'failed') return ended(state, 'failed', 'system', { error: 'connection-failed' });
      return state;
    case 'connected':
      if (signal === 'connected') return state;
      return { ...state, status: 'reconnecting' };
    case 'reconnecting':
      if (signal === 'connected') return { ...state, status: 'connected' };
      if (signal === 'failed') return ended(state, 'failed', 'system', { error: 'connection-failed' });
      return state;
    case 'idle':
    case 'calling':
    case 'ringing':
    case 'ended':
      return state;
  }
}

const LIVE: ReadonlySet<CallStatus> = new Set(['calling', 'ringing', 'connecting', 'connected', 'reconnecting']);

/** Anything but idle and ended: the user is busy, the call UI is on screen. */
export function isInCall(state: CallState): state is Live {
  return LIVE.has(state.status);
}

/** Who placed the call on screen: calling is ours, ringing is theirs, later states say; null when idle. */
export function callDirection(state: CallState): Direction | null {
  switch (state.status) {
    case 'idle':
      return null;
    case 'calling':
      return 'outgoing';
    case 'ringing':
      return 'incoming';
    case 'connecting':
    case 'connected':
    case 'reconnecting':
    case 'ended':
      return state.direction;
  }
}

/** Seconds since the media first flowed, for the on-screen timer; null before. */
export function elapsedSeconds(state: CallState, now: number): number | null {
  if (state.status !== 'connected' && state.status !== 'reconnecting') return null;
  return Math.max(0, Math.floor((now - state.connectedAt) / 1000));
}
