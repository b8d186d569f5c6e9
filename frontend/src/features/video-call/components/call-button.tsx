import { useEffect, useState } from 'react';
import { getUser } from '../api/get-user';
import { useVideoCall } from '../context/video-call-context';
import type { CallPeer } from '../logic/call-machine';

type CallButtonProps =
  /** the other person, when the page has them already (the thread header) */
  | { peer: CallPeer; peerId?: undefined }
  /** or only their id (a route parameter): the button looks them up */
  | { peerId: string; peer?: undefined };

/**
 * "Video call" for a conversation. Opens the pre-call check; disabled while offline or already in
 * a call. The app mounts it where the thread is (features don't import each other).
 */
export function CallButton(props: CallButtonProps) {
  const { canCall, prepareCall } = useVideoCall();
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
  return (
    <button type="button" className="button button-quiet call-button" disabled={!canCall} aria-label={`Video call ${peer.name}`} onClick={() => prepareCall(peer)}>
      Video call
    </button>
  );
}
