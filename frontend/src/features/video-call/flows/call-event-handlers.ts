import type { ServerToClientEvents } from '@telehealth/shared';
import type { CallSignals } from '../api/call-signals';
import { callDirection, isInCall, type CallEvent, type CallState } from '../logic/call-machine';
import type { ActiveCall } from './active-call';

export type CallEventHandlers = Pick<
  ServerToClientEvents,
  'call-made' | 'call-answered' | 'ice-candidate' | 'call-ended' | 'call-renegotiate'
>;

export interface CallEventDeps {
  call: ActiveCall;
  signals: CallSignals | null;
  dispatch: (event: CallEvent) => void;
  /** the call as of the latest render */
  state: CallState;
  /** a call starts ringing here (a pre-call check for calling someone gives way to it) */
  onRing: () => void;
}

/** The server's call events, turned into machine events and session steps. Late ones (another call id) do nothing. */
export function callEventHandlers({ call, signals, dispatch, state, onRing }: CallEventDeps): CallEventHandlers {
  return {
    'call-made': ({ callId, from, offer, video }) => {
      // The server refuses a second call to someone in one (BUSY); a stray ring here is ignored.
      if (call.callId || isInCall(state)) return;
      onRing();
      call.claim(callId, offer);
      dispatch({
        type: 'incoming',
        callId,
        peer: { id: from.id, name: from.name, role: from.role, avatarUrl: from.avatarUrl },
        video,
      });
    },
    'call-answered': ({ callId, answer }) => {
      const session = call.session;
      if (!call.isCurrent(callId) || callDirection(state) !== 'outgoing' || !session) return;
      dispatch({ type: 'remote-answered', callId });
      session.acceptAnswer(answer).catch(() => dispatch({ type: 'signalling-failed', callId, error: 'unknown' }));
    },
    'ice-candidate': ({ callId, candidate }) => {
      if (!call.isCurrent(callId)) return;
      if (call.session) void call.session.addRemoteCandidate(candidate);
      else call.ringing.add(callId, candidate);
    },
    'call-ended': ({ callId, reason, answeredElsewhere }) => {
      call.ringing.drop(callId);
      dispatch({ type: 'remote-ended', callId, reason, ...(answeredElsewhere ? { answeredElsewhere } : {}) });
    },
    'call-renegotiate': ({ callId, description }) => {
      const session = call.session;
      if (!call.isCurrent(callId) || !session) return;
      session
        .renegotiate(description)
        .then((reply) => reply && signals?.renegotiate(callId, reply))
        .catch(() => undefined);
    },
  };
}
