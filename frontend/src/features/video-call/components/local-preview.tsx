import { Avatar } from '../../../components/ui/avatar';
import type { CallPeer } from '../logic/call-machine';
import { VideoView } from './video-view';

interface LocalPreviewProps {
  stream: MediaStream | null;
  /** whether the picture is sent: false with the camera off or audio only */
  showsVideo: boolean;
  /** this user, for the initials or picture shown instead (null until known: "You") */
  self: CallPeer | null;
  onElement: (element: HTMLVideoElement | null) => void;
}

/**
 * Your own picture in the corner, or — with the camera off — your avatar, so the corner says
 * "camera off" at a glance instead of showing a black box. The video element stays mounted either
 * way: hands-free gestures read its frames, and the camera coming back needs no new element.
 */
export function LocalPreview({ stream, showsVideo, self, onElement }: LocalPreviewProps) {
  return (
    <div className="call-local" data-camera-off={!showsVideo || undefined}>
      <VideoView stream={stream} muted label="Your camera" className="call-video" onElement={onElement} />
      {!showsVideo && (
        <div className="call-local-off" role="img" aria-label="Your camera is off">
          <Avatar name={self?.name ?? 'You'} avatarUrl={self?.avatarUrl ?? null} size="medium" />
        </div>
      )}
    </div>
  );
}
