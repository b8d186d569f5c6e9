import { useCallback, useEffect, useMemo, useRef, useState, type Dispatch, type SetStateAction } from 'react';
import type { CallMediaState, VideoCallContextValue } from '../context/video-call-context';
import type { ActiveCall } from '../flows/active-call';
import type { CallStatus } from '../logic/call-machine';
import { classifyMediaError } from '../logic/media-error';
import type { LocalMediaControls } from './use-local-media';

export const MEDIA_ON: CallMediaState = { muted: false, cameraOff: false, screenSharing: false, audioOnly: false };

export type MediaControls = Pick<
  VideoCallContextValue,
  'callMedia' | 'previewStream' | 'toggleMute' | 'toggleCamera' | 'toggleScreenShare' | 'switchToAudioOnly'
>;

interface MediaControlsDeps {
  localMedia: LocalMediaControls;
  call: ActiveCall;
  status: CallStatus;
  announce: (text: string) => void;
}

const stopAll = (stream: MediaStream | null): undefined => {
  for (const track of stream?.getTracks() ?? []) track.stop();
  return undefined;
};

/**
 * The camera again after audio only, sent without renegotiating (unless a screen is being sent).
 * Resolves with undefined when there is nothing to do, a sentence when it failed, null when it worked.
 */
async function turnCameraBackOn(
  cameraId: string | null,
  local: MediaStream | null,
  call: ActiveCall,
  screenShared: boolean,
): Promise<string | null | undefined> {
  try {
    const added = await navigator.mediaDevices.getUserMedia({ video: cameraId ? { deviceId: { exact: cameraId } } : true });
    const [camera] = added.getVideoTracks();
    if (!camera || !local || !call.session) return stopAll(added);
    local.addTrack(camera);
    if (!screenShared) await call.session.replaceVideoTrack(camera);
    return null;
  } catch (error) {
    return classifyMediaError(error) === 'no-device' ? 'No camera was found' : 'The camera could not be started';
  }
}

/** A screen from the browser's picker, sent instead of the camera; a sentence when it failed, null when cancelled. */
async function shareScreen(call: ActiveCall, onStopped: () => void): Promise<MediaStream | string | null> {
  try {
    const shared = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
    const [track] = shared.getVideoTracks();
    if (!track || !call.session) {
      stopAll(shared);
      return null;
    }
    // The browser's own "Stop sharing" bar ends the track: back to the camera then too.
    track.addEventListener('ended', onStopped, { once: true });
    await call.session.replaceVideoTrack(track);
    return shared;
  } catch (error) {
    // Cancelling the browser's picker is a NotAllowedError too: nothing to say then.
    return classifyMediaError(error) === 'permission-denied' ? null : 'Screen sharing could not start';
  }
}

/** Screen sharing: the screen sent instead of the camera, and back to the camera when it stops. */
function useScreenShare(
  { streamRef: local }: LocalMediaControls,
  call: ActiveCall,
  announce: (text: string) => void,
  setCallMedia: Dispatch<SetStateAction<CallMediaState>>,
) {
  const [screenStream, setScreenStream] = useState<MediaStream | null>(null);
  const screen = useRef<MediaStream | null>(null);

  const stopScreenShare = useCallback(() => {
    const shared = screen.current;
    if (!shared) return;
    screen.current = null;
    stopAll(shared);
    setScreenStream(null);
    void call.session?.replaceVideoTrack(local.current?.getVideoTracks()[0] ?? null);
    setCallMedia((media) => ({ ...media, screenSharing: false }));
    announce('Screen sharing stopped');
  }, [local, call, announce, setCallMedia]);

  const toggleScreenShare = useCallback(() => {
    if (screen.current) return stopScreenShare();
    void shareScreen(call, stopScreenShare).then((shared) => {
      if (typeof shared === 'string') return announce(shared);
      if (!shared) return;
      screen.current = shared;
      setScreenStream(shared);
      setCallMedia((media) => ({ ...media, screenSharing: true }));
      announce('Sharing your screen');
    });
  }, [call, stopScreenShare, announce, setCallMedia]);

  /** The call is over: the shared screen stops, nothing said. */
  const dropScreen = useCallback(() => {
    stopAll(screen.current);
    screen.current = null;
    setScreenStream(null);
  }, []);

  // Signing out unmounts the provider: a shared screen stops with it.
  useEffect(() => () => stopAll(screen.current), []);
  return { screenRef: screen, screenStream, toggleScreenShare, dropScreen };
}

/**
 * This user's side of the call: mute, camera, screen sharing, audio only. Each changes what the
 * session sends with `replaceVideoTrack` (never a renegotiation), says so to screen readers, and
 * tells the other side over the control channel. `startCallMedia` and `resetCallMedia` frame a call.
 */
export function useMediaControls({ localMedia, call, status, announce }: MediaControlsDeps) {
  const { streamRef: local, cameraId, refresh, stream } = localMedia;
  const [callMedia, setCallMedia] = useState<CallMediaState>(MEDIA_ON);
  const {
    screenRef: screen,
    screenStream,
    toggleScreenShare,
    dropScreen,
  } = useScreenShare(localMedia, call, announce, setCallMedia);
  const latest = useRef(callMedia);
  useEffect(() => {
    latest.current = callMedia;
  });

  const toggleMute = useCallback(() => {
    const muted = !latest.current.muted;
    for (const track of local.current?.getAudioTracks() ?? []) track.enabled = !muted;
    setCallMedia((current) => ({ ...current, muted }));
    announce(muted ? 'Microphone muted' : 'Microphone on');
  }, [local, announce]);

  const toggleCamera = useCallback(() => {
    const { cameraOff } = latest.current;
    const track = local.current?.getVideoTracks()[0] ?? null;
    if (track) {
      track.enabled = cameraOff;
      setCallMedia((media) => ({ ...media, cameraOff: !cameraOff }));
      announce(cameraOff ? 'Camera on' : 'Camera off');
      return;
    }
    // No camera track (audio only): ask for the camera again and send it without renegotiating.
    void turnCameraBackOn(cameraId, local.current, call, screen.current !== null).then((problem) => {
      if (problem === undefined) return;
      if (problem) return announce(problem);
      refresh();
      setCallMedia((media) => ({ ...media, cameraOff: false, audioOnly: false }));
      announce('Camera on');
    });
  }, [local, cameraId, call, screen, refresh, announce]);

  const switchToAudioOnly = useCallback(() => {
    const camera = local.current?.getVideoTracks()[0];
    if (!local.current || !camera) return;
    // Stopping the track (not just disabling it) stops sending video at all: all the bandwidth goes to the voice.
    void call.session?.replaceVideoTrack(screen.current?.getVideoTracks()[0] ?? null);
    camera.stop();
    local.current.removeTrack(camera);
    refresh();
    setCallMedia((media) => ({ ...media, cameraOff: true, audioOnly: true }));
    announce('Switched to audio only');
  }, [local, call, screen, refresh, announce]);

  /** A call begins with this stream: with or without video. */
  const startCallMedia = useCallback((video: boolean) => setCallMedia({ ...MEDIA_ON, cameraOff: !video, audioOnly: !video }), []);

  /** The call is over: the shared screen stops, and the next call starts with everything on. */
  const resetCallMedia = useCallback(() => {
    dropScreen();
    setCallMedia(MEDIA_ON);
  }, [dropScreen]);

  // Our media state to the other side, on every change (the session resends it when the channel opens).
  useEffect(() => {
    call.session?.sendMediaState({
      muted: callMedia.muted,
      cameraOff: callMedia.cameraOff,
      screenSharing: callMedia.screenSharing,
    });
  }, [call, callMedia, status]);

  const previewStream = screenStream ?? stream;
  const controls = useMemo<MediaControls>(
    () => ({ callMedia, previewStream, toggleMute, toggleCamera, toggleScreenShare, switchToAudioOnly }),
    [callMedia, previewStream, toggleMute, toggleCamera, toggleScreenShare, switchToAudioOnly],
  );
  return { controls, startCallMedia, resetCallMedia };
}
