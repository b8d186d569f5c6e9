import type { CallPeer, CallState } from './call-machine';

/** What the peer's control channel says about their media. */
export interface PeerMedia {
  muted: boolean;
  cameraOff: boolean;
  screenSharing: boolean;
}

type Ended = Extract<CallState, { status: 'ended' }>;

const nameOf = (peer: CallPeer | null) => peer?.name ?? 'The other person';

/**
 * The sentence the ended screen shows. `direction` tells a call we placed from one that rang here:
 * a timeout is "No answer" for the caller and a missed call for the callee.
 */
export function endedMessage(state: Ended, direction: 'outgoing' | 'incoming'): string {
  const name = nameOf(state.peer);
  if (state.answeredElsewhere) return 'Answered on another device';
  switch (state.error) {
    case 'OFFLINE':
      return `${name} is offline`;
    case 'BUSY':
      return `${name} is in another call`;
    case 'FORBIDDEN':
      return "You can't call this person";
    case 'NO_SUCH_CALL':
      return 'This call is no longer available';
    case 'permission-denied':
      return 'Camera and microphone access was denied. Allow it in your browser’s site settings, then try again.';
    case 'no-device':
      return 'No camera or microphone was found.';
    case 'connection-failed':
      return 'The connection could not be made or was lost. Check your network and try again.';
    case 'unknown':
      return 'The call could not be set up. Please try again.';
    case undefined:
      break;
  }
  switch (state.reason) {
    case 'timeout':
      return direction === 'outgoing' ? 'No answer' : `Missed call from ${name}`;
    case 'rejected':
      return state.by === 'me' ? 'Call declined' : `${name} declined the call`;
    case 'disconnected':
      return `${name} lost their connection. The call has ended.`;
    case 'hangup':
      return 'Call ended';
    case 'failed':
      return 'The call could not be set up. Please try again.';
  }
}

/**
 * Whether the ended screen closes by itself: an ordinary ending (either side hung up, this user
 * declined, another tab answered) returns straight to the page; anything the user should read
 * (offline, busy, no answer, declined by the other side, errors) stays until dismissed.
 */
export function closesBySelf(state: Ended): boolean {
  if (state.answeredElsewhere) return true;
  if (state.error) return false;
  if (state.reason === 'hangup') return true;
  return state.reason === 'rejected' && state.by === 'me';
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

/** The call timer: "0:07", "12:34", "1:02:03". */
export function formatCallTimer(totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = String(seconds % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${rest}` : `${minutes}:${rest}`;
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
  if (before.screenSharing !== after.screenSharing) changes.push(`${who} ${after.screenSharing ? 'started' : 'stopped'} sharing their screen`);
  return changes;
}
