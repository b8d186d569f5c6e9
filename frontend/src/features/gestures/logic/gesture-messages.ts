import type { GestureAction } from './gesture-detector';

/** Where hands-free gestures stand, as the switch shows it. */
export type GestureStatus =
  | { kind: 'off' }
  | { kind: 'loading' }
  | { kind: 'on' }
  /** on, but the camera is off: nothing to watch until it is back */
  | { kind: 'paused' }
  /** cannot run here (the switch is disabled), with the reason in plain words */
  | { kind: 'unavailable'; reason: string };

/** What the screen and screen readers say when a gesture does something; `muted` is the state before it. */
export function gestureAnnouncement(action: GestureAction, muted: boolean): string {
  switch (action) {
    case 'toggle-mute':
      return muted ? 'Open palm: microphone on' : 'Open palm: microphone muted';
    case 'hang-up-pending':
      return 'Thumb down: the call ends in 3 seconds. Press Undo to stay.';
    case 'hang-up-confirmed':
      return 'Thumb down: call ended';
    case 'hang-up-cancelled':
      return 'Hang-up cancelled';
  }
}

/** The words beside the switch: what gestures are doing now, or why they cannot run. */
export function gestureStatusText(status: GestureStatus): string {
  switch (status.kind) {
    case 'off':
      return 'Off';
    case 'loading':
      return 'Loading hand gestures…';
    case 'on':
      return 'On: watching for gestures';
    case 'paused':
      return 'Paused: your camera is off. Turn it on to use gestures.';
    case 'unavailable':
      return `Not available: ${status.reason}.`;
  }
}

/** The label beside the progress ring while a gesture is held. */
export function holdLabel(gesture: string | null): string {
  if (gesture === 'Open_Palm') return 'Keep your palm open to mute or unmute';
  if (gesture === 'Thumb_Down') return 'Keep your thumb down to hang up';
  return '';
}
