import { formatClockDuration } from '../../../lib/format-duration';
import type { CallPeer, CallState } from './call-machine';

type Ended = Extract<CallState, { status: 'ended' }>;

/** What the ended screen offers besides "Back to the thread": placing the call (again). */
export type AgainLabel = 'Call again' | 'Call back' | 'Try again';

/** What the ended screen says: a headline, a sentence more when there is one, and what can be done. */
export interface EndedSummary {
  /** "Call ended · 0:11", "No answer", "Declined", "Dr Ada is offline" */
  title: string;
  detail: string | null;
  /** the button that places a new call to the same person; null when calling cannot help */
  again: AgainLabel | null;
}

const nameOf = (peer: CallPeer | null) => peer?.name ?? 'The other person';

/** Whole seconds from the first media to the end (never negative: the clocks are the same tab's). */
export function callDurationSeconds(connectedAt: number, endedAt: number): number {
  return Math.max(0, Math.floor((endedAt - connectedAt) / 1000));
}

/**
 * The ended screen, from how the call ended (who placed it is in `state.direction`) and when this
 * tab saw it end.
 *
 * A call that connected always reads "Call ended · m:ss", whoever hung up and however (a lost
 * connection too): the length is what people look for, as in Meet or WhatsApp. One that never
 * connected says why, in a word first: the caller hears "No answer" or "Declined" and may call
 * again; the callee sees "Missed call" and may call back. Refusals that calling again cannot fix
 * (not allowed) offer nothing but the way back.
 */
export function endedSummary(state: Ended, endedAt: number): EndedSummary {
  const name = nameOf(state.peer);
  const { direction } = state;
  if (state.answeredElsewhere) return { title: 'Answered on another device', detail: null, again: null };

  if (state.connectedAt !== undefined) {
    const length = formatClockDuration(callDurationSeconds(state.connectedAt, endedAt));
    return { title: `Call ended · ${length}`, detail: connectedDetail(state, name), again: 'Call again' };
  }

  switch (state.error) {
    case 'OFFLINE':
      return { title: `${name} is offline`, detail: 'They can be called once they are online again.', again: null };
    case 'BUSY':
      return { title: `${name} is in another call`, detail: 'Try again in a few minutes.', again: 'Try again' };
    case 'FORBIDDEN':
      return { title: "You can't call this person", detail: null, again: null };
    case 'NO_SUCH_CALL':
      return {
        title: 'This call is no longer available',
        detail: null,
        again: direction === 'incoming' ? 'Call back' : 'Try again',
      };
    case 'permission-denied':
      return {
        title: 'Camera and microphone blocked',
        detail: 'Allow them in your browser’s site settings, then try again.',
        again: 'Try again',
      };
    case 'no-device':
      return { title: 'No camera or microphone found', detail: 'Connect one, then try again.', again: 'Try again' };
    case 'connection-failed':
      return {
        title: 'Could not connect',
        detail: 'The connection could not be made. Check your network and try again.',
        again: 'Try again',
      };
    case 'unknown':
      return { title: 'The call could not be set up', detail: 'Please try again.', again: 'Try again' };
    case undefined:
      break;
  }

  const back: AgainLabel = direction === 'incoming' ? 'Call back' : 'Call again';
  switch (state.reason) {
    case 'timeout':
      return direction === 'outgoing'
        ? { title: 'No answer', detail: `${name} did not answer.`, again: 'Call again' }
        : { title: 'Missed call', detail: `${name} called you.`, again: 'Call back' };
    case 'rejected':
      return state.by === 'me'
        ? { title: 'Call declined', detail: null, again: 'Call back' }
        : { title: 'Declined', detail: `${name} declined the call.`, again: 'Call again' };
    case 'hangup':
      // Hung up before it connected: by this user (cancelled), or the caller gave up while it rang here.
      if (state.by === 'me') return { title: 'Call cancelled', detail: null, again: back };
      if (direction === 'incoming') return { title: 'Missed call', detail: `${name} called you.`, again: 'Call back' };
      return { title: 'Call ended', detail: `${name} hung up.`, again: 'Call again' };
    case 'disconnected':
      return { title: 'Call ended', detail: `${name} lost their connection.`, again: back };
    case 'failed':
      return { title: 'The call could not be set up', detail: 'Please try again.', again: 'Try again' };
  }
}

function connectedDetail(state: Ended, name: string): string | null {
  if (state.reason === 'disconnected') return `${name} lost their connection.`;
  if (state.reason === 'failed') return 'The connection was lost. Check your network and call again.';
  if (state.reason === 'hangup') return state.by === 'me' ? 'You hung up.' : `${name} hung up.`;
  return null;
}

/** One line for screen readers: the headline and the sentence after it. */
export function endedAnnouncement(summary: EndedSummary): string {
  return summary.detail ? `${summary.title}. ${summary.detail}` : summary.title;
}

/**
 * Whether the ended screen closes by itself: only when the user already knows all there is to
 * know, having done it themselves without a call taking place (declining a ring, cancelling a
 * call before it was answered), or when another of their tabs took the call. Everything else —
 * above all a call that connected, whoever hung up — stays until "Back to the thread" or "Close".
 */
export function closesBySelf(state: Ended): boolean {
  if (state.answeredElsewhere) return true;
  if (state.error || state.connectedAt !== undefined || state.by !== 'me') return false;
  return state.reason === 'rejected' || state.reason === 'hangup';
}
