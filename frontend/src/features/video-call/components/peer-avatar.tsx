import type { CallPeer } from '../logic/call-machine';

/** The other person's picture, or their initial; decorative, since their name is always beside it. */
export function PeerAvatar({ peer, large = false }: { peer: CallPeer; large?: boolean }) {
  const className = large ? 'avatar avatar-large' : 'avatar';
  if (peer.avatarUrl) return <img className={className} src={peer.avatarUrl} alt="" />;
  return (
    <span className={className} aria-hidden="true">
      {peer.name.replace(/^Dr\.? /, '').charAt(0).toUpperCase()}
    </span>
  );
}
