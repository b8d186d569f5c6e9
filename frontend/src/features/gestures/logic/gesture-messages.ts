import type { GestureAction } from './gesture-detector';

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

/** The label beside the progress ring while a gesture is held. */
export function holdLabel(gesture: string | null): string {
  if (gesture === 'Open_Palm') return 'Keep your palm open to mute or unmute';
  if (gesture === 'Thumb_Down') return 'Keep your thumb down to hang up';
  return '';
}
