import type { CallPeer, CallState } from './call-machine';

/** What the peer's control channel says about their media. */
export interface PeerMedia {
  muted: boolean;
  cameraOff: boolean;
  screenSharing: boolean;
}

const roleWord = (peer: CallPeer) => (peer.role === 'doctor' ? 'Doctor' : peer.role === 'patient' ? 'Patient' : peer.name);

/** What the screen says about the other side's media: "Patient muted", "Doctor's camera is off". */
export function peerMediaNotice(peer: CallPeer, media: PeerMedia): string | null {
  const who = roleWord(peer);
  const parts: string[] = [];
  if (media.muted) parts.push(`${who} muted`);
  if (media.screenSharing) parts.push(`${who} is sharing their screen`);
  else if (media.cameraOff) parts.push(`${who}'s camera is off`);
  return parts.length > 0 ? parts.join(' · ') : null;
}

/** The status line under the other person's name while the call is live. */
export function statusLine(state: CallState): string {
  switch (state.status) {
    case 'idle':
      return '';
    case 'calling':
      return state.acked ? 'Ringing…' : 'Calling…';
    case 'ringing':
      return state.video ? 'Incoming video call' : 'Incoming audio call';
    case 'connecting':
      return 'Connecting…';
    case 'connected':
      return 'Connected';
    case 'reconnecting':
      return 'Reconnecting…';
    case 'ended':
      return 'Call ended';
  }
}

/** What to announce when the other side's media changes: "Patient muted", "Patient turned their camera on". */
export function peerMediaChanges(peer: CallPeer, before: PeerMedia, after: PeerMedia): string[] {
  const who = roleWord(peer);
  const changes: string[] = [];
  if (before.muted !== after.muted) changes.push(after.muted ? `${who} muted` : `${who} unmuted`);
  if (before.cameraOff !== after.cameraOff) changes.push(`${who} turned their camera ${after.cameraOff ? 'off' : 'on'}`);
  if (before.screenSharing !== after.screenSharing)
    changes.push(`${who} ${after.screenSharing ? 'started' : 'stopped'} sharing their screen`);
  return changes;
}
