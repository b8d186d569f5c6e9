import { useState, type ReactNode } from 'react';
import { useVideoCall } from '../context/video-call-context';
import { useNow } from '../hooks/use-now';
import { elapsedSeconds, type CallPeer } from '../logic/call-machine';
import { formatCallTimer, peerMediaNotice } from '../logic/call-messages';
import { PeerAvatar } from './peer-avatar';
import { QualityBadge } from './quality-badge';
import { VideoView } from './video-view';

/** What the call screen lends to extra controls (hands-free gestures): the local video and two actions. */
export interface CallExtrasControls {
  /** the local preview element, whose frames a recognizer may read; null until it is on screen */
  localVideo: HTMLVideoElement | null;
  muted: boolean;
  toggleMute: () => void;
  hangUp: () => void;
}

export type CallExtras = (controls: CallExtrasControls) => ReactNode;

/** The call itself: both videos, the timer, the quality badge and the controls. */
export function LiveCall({ peer, renderExtras }: { peer: CallPeer; renderExtras: CallExtras | undefined }) {
  const { state, previewStream, remoteStream, callMedia, peerMedia, quality, toggleMute, toggleCamera, toggleScreenShare, switchToAudioOnly, hangUp } = useVideoCall();
  const [localVideo, setLocalVideo] = useState<HTMLVideoElement | null>(null);
  const now = useNow(state.status === 'connected' || state.status === 'reconnecting');
  const elapsed = elapsedSeconds(state, now);
  const notice = peerMediaNotice(peer, peerMedia);
  const hasRemoteVideo = (remoteStream?.getVideoTracks().length ?? 0) > 0 && !peerMedia.cameraOff;
  const sendsVideo = (previewStream?.getVideoTracks().length ?? 0) > 0;
  const canShareScreen = typeof navigator.mediaDevices?.getDisplayMedia === 'function';

  return (
    <div className="live-call stack">
      <div className="call-stage">
        <VideoView stream={remoteStream} label={`Video of ${peer.name}`} className="call-video call-remote" />
        {!hasRemoteVideo && (
          <div className="call-remote-placeholder">
            <PeerAvatar peer={peer} large />
          </div>
        )}
        {sendsVideo ? (
          <VideoView stream={previewStream} muted label="Your camera" className="call-video call-local" onElement={setLocalVideo} />
        ) : (
          <p className="call-local call-local-off">Your camera is off</p>
        )}
        {notice && <p className="call-peer-notice">{notice}</p>}
      </div>

      <div className="call-meta">
        <span className="call-timer">{elapsed === null ? '' : <time dateTime={`PT${elapsed}S`}>{formatCallTimer(elapsed)}</time>}</span>
        {(state.status === 'connected' || state.status === 'reconnecting') && <QualityBadge quality={quality} />}
      </div>

      {quality?.suggestAudioOnly && sendsVideo && !callMedia.screenSharing && (
        <div className="call-suggestion">
          <p>The connection is losing a lot of data. Audio only may sound better.</p>
          <button type="button" className="button button-quiet" onClick={switchToAudioOnly}>
            Switch to audio only
          </button>
        </div>
      )}

      <div className="call-controls" role="group" aria-label="Call controls">
        <button type="button" className="button button-quiet" aria-pressed={callMedia.muted} onClick={toggleMute}>
          Mute
        </button>
        <button type="button" className="button button-quiet" aria-pressed={callMedia.cameraOff} onClick={toggleCamera}>
          Camera off
        </button>
        {canShareScreen && (
          <button type="button" className="button button-quiet" aria-pressed={callMedia.screenSharing} onClick={toggleScreenShare}>
            Share screen
          </button>
        )}
        <button type="button" className="button button-danger" onClick={hangUp}>
          Hang up
        </button>
      </div>

      {renderExtras?.({ localVideo, muted: callMedia.muted, toggleMute, hangUp })}
    </div>
  );
}
