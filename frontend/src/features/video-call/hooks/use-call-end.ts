import { useEffect, useEffectEvent } from 'react';
import type { CallSignals } from '../api/call-signals';
import type { ActiveCall } from '../flows/active-call';
import { closesBySelf, endedAnnouncement, endedSummary } from '../logic/call-ended';
import type { CallEvent, CallState } from '../logic/call-machine';

type Ended = Extract<CallState, { status: 'ended' }>;

export interface CallEndDeps {
  call: ActiveCall;
  signals: CallSignals | null;
  dispatch: (event: CallEvent) => void;
  announce: (text: string) => void;
  /** lets go of the media: the camera, a shared screen, the other side's stream */
  releaseMedia: () => void;
}

/** Whether this end is our own ring timer firing on a call we placed: the server must stop ringing too. */
export function endsOwnRing(ended: Ended, liveCallId: string | null): boolean {
  return (
    liveCallId !== null &&
    ended.callId === liveCallId &&
    ended.direction === 'outgoing' &&
    ended.reason === 'timeout' &&
    ended.by === 'system'
  );
}

/**
 * The call is over, however it ended: let everything go and say why. The ended screen stays (its
 * length, Call again, Back to the thread) unless there is nothing to tell (`closesBySelf`).
 */
export function useCallEnd(state: CallState, { call, signals, dispatch, announce, releaseMedia }: CallEndDeps): void {
  const ended = state.status === 'ended' ? state : null;
  const onEnded = useEffectEvent((over: Ended) => {
    if (endsOwnRing(over, call.callId)) signals?.endCall(over.callId!);
    call.close();
    releaseMedia();
    announce(endedAnnouncement(endedSummary(over, Date.now())));
    if (closesBySelf(over)) dispatch({ type: 'reset' });
  });
  useEffect(() => {
    if (ended) onEnded(ended);
  }, [ended]);
}
