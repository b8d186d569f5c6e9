import { Video } from 'lucide-react';
import { useEffect, useId, useState } from 'react';
import { getUser } from '../../../lib/api/get-user';
import { useVideoCall } from '../context/video-call-context';
import type { CallPeer } from '../logic/call-machine';

type PeerProps =
  /** the other person, when the page has them already (the thread header) */
  | { peer: CallPeer; peerId?: undefined }
  /** or only their id (a route parameter): the button looks them up */
  | { peerId: string; peer?: undefined };

type CallButtonProps = PeerProps & {
  /** why this call may not be placed (the app asks the follow-up rule): disables the button and says so */
  disabledReason?: string | null | undefined;
};

/**
 * "Video call" for a conversation. Opens the pre-call check; disabled while we are offline or
 * already in a call, and — saying so beside it — while the other person is offline, so it never
 * rings nobody. Their presence is followed live: the button is ready the moment they sign in.
 * With a `disabledReason` (a patient without an active consultation) it is disabled and says why.
 * The app mounts it where the thread is (features don't import each other).
 */
export function CallButton(props: CallButtonProps) {
  const { canCall, prepareCall, isOnline } = useVideoCall();
  const noteId = useId();
  const reasonId = useId();
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
  const reason = props.disabledReason || null;
  const describedBy = [offline ? noteId : null, reason ? reasonId : null].filter(Boolean).join(' ');
  return (
    // The tooltip is on the wrapper: a disabled button gets no pointer events in some browsers.
    <span className="call-button-wrap" title={reason ?? undefined}>
      {offline && (
        <span id={noteId} className="call-button-note">
          {peer.name} is offline
        </span>
      )}
      {reason && (
        <span id={reasonId} className="visually-hidden">
          {reason}
        </span>
      )}
      <button
        type="button"
        className="button button-quiet call-button"
        disabled={!canCall || offline || reason !== null}
        aria-label={`Video call ${peer.name}`}
        aria-describedby={describedBy || undefined}
        onClick={() => prepareCall(peer)}
      >
        <Video size={18} aria-hidden="true" />
        Video call
      </button>
    </span>
  );
}
