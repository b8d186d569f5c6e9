import { createContext, useContext } from 'react';
import type { LocalMedia } from '../hooks/use-local-media';
import type { CallPeer, CallState } from '../logic/call-machine';
import type { PeerMedia } from '../logic/call-messages';
import type { QualityAssessment } from '../logic/connection-quality';

/** The pre-call check on screen: before calling `peer`, or after Accept before joining. */
export type Precheck = { before: 'calling'; peer: CallPeer } | { before: 'joining' } | null;

/** This user's side of the call, beyond what the camera and microphone are. */
export interface CallMediaState {
  muted: boolean;
  cameraOff: boolean;
  screenSharing: boolean;
  /** video was stopped to save a poor connection */
  audioOnly: boolean;
}

export interface VideoCallContextValue {
  /** the call as the machine has it; who placed it is `callDirection(state)` */
  state: CallState;
  precheck: Precheck;
  localMedia: LocalMedia;
  /** what this user sends: the stream shown in the local preview (the camera, or the shared screen) */
  previewStream: MediaStream | null;
  callMedia: CallMediaState;
  remoteStream: MediaStream | null;
  peerMedia: PeerMedia;
  quality: QualityAssessment | null;
  /** the latest sentence for screen readers ("Microphone muted") */
  announcement: string;
  /** a call can be placed now: signed in, connected, not already in one */
  canCall: boolean;
  /** this user, for their own avatar in the call (null until known) */
  self: CallPeer | null;
  /** whether someone is online: true, false, or null while the server has not said yet */
  isOnline: (userId: string) => boolean | null;

  /** opens the pre-call check for calling `peer` */
  prepareCall: (peer: CallPeer) => void;
  /** Accept on a ringing call: opens the pre-call check */
  prepareAnswer: () => void;
  /** leaves the pre-call check without calling (an incoming call keeps ringing) */
  cancelPrecheck: () => void;
  /** the pre-call check's devices; `null` keeps the current one */
  selectDevices: (devices: { cameraId?: string | null; microphoneId?: string | null; audioOnly?: boolean }) => void;
  /** "Start call" from the pre-call check */
  startCall: () => void;
  /** "Join" from the pre-call check */
  answer: () => void;
  decline: () => void;
  hangUp: () => void;
  /** closes the ended screen, staying on the page */
  dismiss: () => void;
  /** from the ended screen: calls the same person again, straight to ringing (the check only if the camera fails) */
  callAgain: () => void;
  /** from the ended screen: closes it and opens the conversation with that person */
  backToThread: () => void;
  toggleMute: () => void;
  toggleCamera: () => void;
  toggleScreenShare: () => void;
  switchToAudioOnly: () => void;
}

export const VideoCallContext = createContext<VideoCallContextValue | null>(null);

/** The call: its state and everything the call screen and the call button can do. */
export function useVideoCall(): VideoCallContextValue {
  const value = useContext(VideoCallContext);
  if (!value) throw new Error('useVideoCall must be used inside <VideoCallProvider>');
  return value;
}
