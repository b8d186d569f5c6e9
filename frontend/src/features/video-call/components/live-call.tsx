import { MicOff } from 'lucide-react';
import { useState, type ReactNode } from 'react';
import { Avatar } from '../../../components/ui/avatar';
import { formatClockDuration } from '../../../lib/format-duration';
import { useNow } from '../../../lib/use-now';
import { useVideoCall } from '../context/video-call-context';
import { elapsedSeconds, type CallPeer } from '../logic/call-machine';
import { peerMediaNotice } from '../logic/call-messages';
import { CallControls } from './call-controls';
import { LocalPreview } from './local-preview';
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

/**
 * The call itself: both pictures (or avatars), the timer, the quality badge, the controls, and the
 * extras (hands-free gestures) right under them. The stage takes whatever height is left, so the
 * controls and the extras are on screen without scrolling on a phone as on a laptop.
 */
export function LiveCall({ peer, renderExtras }: { peer: CallPeer; renderExtras: CallExtras | undefined }) {
  const { state, self, previewStream, remoteStream, callMedia, peerMedia, quality, toggleMute, switchToAudioOnly, hangUp } =
    useVideoCall();
  const [localVideo, setLocalVideo] = useState<HTMLVideoElement | null>(null);
  const now = useNow(1_000, state.status === 'connected' || state.status === 'reconnecting');
  const elapsed = elapsedSeconds(state, now);
  const notice = peerMediaNotice(peer, peerMedia);
  const hasRemoteVideo = (remoteStream?.getVideoTracks().length ?? 0) > 0 && !peerMedia.cameraOff;
  const sendsVideo = (previewStream?.getVideoTracks().length ?? 0) > 0;
  // A shared screen is sent even with the camera off; a disabled camera sends only black.
  const showsVideo = sendsVideo && (callMedia.screenSharing || !callMedia.cameraOff);

  return (
    <div className="live-call">
      <div className="call-stage-area">
        <div className="call-stage">
          <VideoView stream={remoteStream} label={`Video of ${peer.name}`} className="call-video call-remote" />
          {!hasRemoteVideo && (
            <div className="call-remote-placeholder">
              <Avatar name={peer.name} avatarUrl={peer.avatarUrl} size="large" />
            </div>
          )}
          <LocalPreview stream={previewStream} showsVideo={showsVideo} self={self} onElement={setLocalVideo} />
          {notice && <p className="call-peer-notice">{notice}</p>}
          {callMedia.muted && (
            <p className="call-muted-note">
              <MicOff size={16} aria-hidden="true" />
              You are muted
            </p>
          )}
        </div>
      </div>

      <div className="call-meta">
        <span className="call-timer">
          {elapsed === null ? '' : <time dateTime={`PT${elapsed}S`}>{formatClockDuration(elapsed)}</time>}
        </span>
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

      <CallControls />

      {renderExtras && (
        <div className="call-extras">{renderExtras({ localVideo, muted: callMedia.muted, toggleMute, hangUp })}</div>
      )}
    </div>
  );
}
