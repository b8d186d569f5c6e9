import { useCallback, useMemo } from 'react';
import type { CallSignals } from '../api/call-signals';
import type { VideoCallContextValue } from '../context/video-call-context';
import type { ActiveCall } from '../flows/active-call';
import { isInCall, type CallEvent, type CallPeer, type CallState } from '../logic/call-machine';
import { useLatest } from '../../../lib/use-latest';

interface LeavingDeps {
  call: ActiveCall;
  signals: CallSignals | null;
  dispatch: (event: CallEvent) => void;
  state: CallState;
  onCallFinished: ((peer: CallPeer) => void) | undefined;
}

/** Hang up during the call; Close or Back to the thread once it is over. */
export function useLeavingCall({ call, signals, dispatch, state, onCallFinished }: LeavingDeps) {
  const latestState = useLatest(state);

  const hangUp = useCallback(() => {
    const { callId } = call;
    const current = latestState.current;
    if (!callId || !isInCall(current)) return;
    if (current.status === 'ringing') signals?.rejectCall(callId);
    else signals?.endCall(callId);
    dispatch({ type: 'hang-up' });
  }, [call, signals, dispatch, latestState]);

  const dismiss = useCallback(() => dispatch({ type: 'reset' }), [dispatch]);

  const backToThread = useCallback(() => {
    const ended = latestState.current;
    dispatch({ type: 'reset' });
    if (ended.status === 'ended' && ended.peer) onCallFinished?.(ended.peer);
  }, [dispatch, latestState, onCallFinished]);

  return useMemo<Pick<VideoCallContextValue, 'hangUp' | 'dismiss' | 'backToThread'>>(
    () => ({ hangUp, dismiss, backToThread }),
    [hangUp, dismiss, backToThread],
  );
}
