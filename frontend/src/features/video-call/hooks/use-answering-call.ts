import { useCallback, useMemo } from 'react';
import { getIceServers } from '../api/get-ice-servers';
import type { CallSignals } from '../api/call-signals';
import type { Precheck, VideoCallContextValue } from '../context/video-call-context';
import type { ActiveCall } from '../flows/active-call';
import { answerCall } from '../flows/answer-call';
import { hasVideo } from '../flows/call-flow';
import type { CallEvent, CallState } from '../logic/call-machine';
import type { LocalMediaControls } from './use-local-media';
import { useLatest } from '../../../lib/use-latest';

interface AnsweringDeps {
  call: ActiveCall;
  signals: CallSignals | null;
  dispatch: (event: CallEvent) => void;
  state: CallState;
  openPrecheck: (check: NonNullable<Precheck>) => Promise<MediaStream | null>;
  closePrecheck: () => void;
  localMedia: LocalMediaControls;
  startCallMedia: (video: boolean) => void;
}

/** The callee's buttons: Accept (the check before joining), Join, Decline. */
export function useAnsweringCall({
  call,
  signals,
  dispatch,
  state,
  openPrecheck,
  closePrecheck,
  localMedia,
  startCallMedia,
}: AnsweringDeps) {
  const { streamRef: local } = localMedia;
  const latestState = useLatest(state);

  const prepareAnswer = useCallback(() => {
    if (latestState.current.status !== 'ringing') return;
    void openPrecheck({ before: 'joining' });
  }, [latestState, openPrecheck]);

  const answer = useCallback(() => {
    const stream = local.current;
    const { callId, incomingOffer } = call;
    if (!signals || !stream || !callId || !incomingOffer || latestState.current.status !== 'ringing') return;
    closePrecheck();
    startCallMedia(hasVideo(stream));
    void answerCall({ call, signals, dispatch, getIceServers }, callId, incomingOffer, stream);
  }, [call, signals, dispatch, latestState, local, closePrecheck, startCallMedia]);

  const decline = useCallback(() => {
    const { callId } = call;
    if (!callId || latestState.current.status !== 'ringing') return;
    signals?.rejectCall(callId);
    dispatch({ type: 'decline' });
  }, [call, signals, dispatch, latestState]);

  return useMemo<Pick<VideoCallContextValue, 'prepareAnswer' | 'answer' | 'decline'>>(
    () => ({ prepareAnswer, answer, decline }),
    [prepareAnswer, answer, decline],
  );
}
