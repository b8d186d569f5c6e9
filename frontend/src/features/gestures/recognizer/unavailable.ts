/** Gestures cannot run here, with a reason in plain words for the person who asked for them. */
export class GesturesUnavailableError extends Error {
  override readonly name = 'GesturesUnavailableError';
}
