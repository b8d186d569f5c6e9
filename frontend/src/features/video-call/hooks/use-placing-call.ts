import { useCallback, useMemo, useRef } from 'react';
import { getIceServers } from '../api/get-ice-servers';
import type { CallSignals } from '../api/call-signals';
import type { Precheck, VideoCallContextValue } from '../context/video-call-context';
import type { ActiveCall } from '../flows/active-call';
import { hasVideo, newCallId } from '../flows/call-flow';
import { placeCall } from '../flows/place-call';
import { isInCall, type CallEvent, type CallPeer, type CallState } from '../logic/call-machine';
import type { LocalMediaControls } from './use-local-media';
import { useLatest } from '../../../lib/use-latest';

interface PlacingDeps {
  call: ActiveCall;
  signals: CallSignals | null;
  dispatch: (event: CallEvent) => void;
  state: CallState;
  precheck: Precheck;
  openPrecheck: (
    check: NonNullable<Precheck>,
    options?: { cameraId?: string | null; microphoneId?: string | null; audioOnly?: boolean },
  ) => Promise<MediaStream | null>;
  closePrecheck: () => void;
  localMedia: LocalMediaControls;
  startCallMedia: (video: boolean) => void;
}

/** The caller's buttons: the check before calling, "Start call", and "Call again" on the ended screen. */
export function usePlacingCall({
  call,
  signals,
  dispatch,
  state,
  precheck,
  openPrecheck,
  closePrecheck,
  localMedia,
  startCallMedia,
}: PlacingDeps) {
  const { streamRef: local, cameraId, microphoneId } = localMedia;
  const latestState = useLatest(state);
  const latestPrecheck = useLatest(precheck);
  /** whether the last call went out without video, so "Call again" asks for the same */
  const lastAudioOnly = useRef(false);

  const place = useCallback(
    (peer: CallPeer, stream: MediaStream) => {
      if (!signals) return;
      lastAudioOnly.current = !hasVideo(stream);
      closePrecheck();
      startCallMedia(hasVideo(stream));
      void placeCall({ call, signals, dispatch, getIceServers }, newCallId(), peer, stream);
    },
    [call, signals, dispatch, closePrecheck, startCallMedia],
  );

  const prepareCall = useCallback(
    (peer: CallPeer) => {
      if (isInCall(latestState.current) || call.callId) return;
      if (latestState.current.status === 'ended') dispatch({ type: 'reset' });
      void openPrecheck({ before: 'calling', peer });
    },
    [call, dispatch, latestState, openPrecheck],
  );

  const startCall = useCallback(() => {
    const check = latestPrecheck.current;
    if (check?.before !== 'calling' || !local.current) return;
    place(check.peer, local.current);
  }, [latestPrecheck, local, place]);

  /**
   * "Call again" / "Call back" on the ended screen: the same person, the same devices, straight to
   * ringing, as in any phone app. The check shows meanwhile (a moment: the camera starting) and stays
   * only if the camera or microphone cannot start, to say why; Cancel there stops the call going out.
   */
  const callAgain = useCallback(() => {
    const ended = latestState.current;
    if (ended.status !== 'ended' || !ended.peer || call.callId) return;
    const { peer } = ended;
    const check: NonNullable<Precheck> = { before: 'calling', peer };
    dispatch({ type: 'reset' });
    void openPrecheck(check, { cameraId, microphoneId, audioOnly: lastAudioOnly.current }).then((stream) => {
      if (stream && latestPrecheck.current === check) place(peer, stream);
    });
  }, [call, dispatch, latestState, latestPrecheck, openPrecheck, cameraId, microphoneId, place]);

  return useMemo<Pick<VideoCallContextValue, 'prepareCall' | 'startCall' | 'callAgain'>>(
    () => ({ prepareCall, startCall, callAgain }),
    [prepareCall, startCall, callAgain],
  );
}
