import { Video } from 'lucide-react';
import { useEffect, useId, useState } from 'react';
import { getUser } from '../../../lib/api/get-user';
import { useVideoCall } from '../context/video-call-context';
import type { CallPeer } from '../logic/call-machine';

type CallButtonProps =
  /** the other person, when the page has them already (the thread header) */
  | { peer: CallPeer; peerId?: undefined }
  /** or only their id (a route parameter): the button looks them up */
  | { peerId: string; peer?: undefined };

/**
 * "Video call" for a conversation. Opens the pre-call check; disabled while we are offline or
 * already in a call, and — saying so beside it — while the other person is offline, so it never
 * rings nobody. Their presence is followed live: the button is ready the moment they sign in.
 * The app mounts it where the thread is (features don't import each other).
 */
export function CallButton(props: CallButtonProps) {
  const { canCall, prepareCall, isOnline } = useVideoCall();
  const noteId = useId();
  const [loaded, setLoaded] = useState<CallPeer | null>(null);
  const peerId = props.peer ? null : props.peerId;

  useEffect(() => {
    if (!peerId) return;
    const controller = new AbortController();
    getUser(peerId, controller.signal).then(
      (user) => setLoaded({ id: user.id, name: user.name, role: user.role, avatarUrl: user.avatarUrl }),
      () => undefined,
    );
    return () => controller.abort();
  }, [peerId]);

  const peer = props.peer ?? (loaded?.id === peerId ? loaded : null);
  if (!peer) return null;
  // Unknown (the server has not said yet) is not offline: the server still answers OFFLINE if so.
  const offline = isOnline(peer.id) === false;
  return (
    <span className="call-button-wrap">
      {offline && (
        <span id={noteId} className="call-button-note">
          {peer.name} is offline
        </span>
      )}
      <button
        type="button"
        className="button button-quiet call-button"
        disabled={!canCall || offline}
        aria-label={`Video call ${peer.name}`}
        aria-describedby={offline ? noteId : undefined}
        onClick={() => prepareCall(peer)}
      >
        <Video size={18} aria-hidden="true" />
        Video call
      </button>
    </span>
  );
}
