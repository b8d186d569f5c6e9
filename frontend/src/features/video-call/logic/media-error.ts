/** What went wrong asking for the camera or microphone, from the DOMException's name. */
export type MediaProblem = 'permission-denied' | 'no-device' | 'in-use' | 'unknown';

/** Classifies a `getUserMedia` / `getDisplayMedia` rejection. */
export function classifyMediaError(error: unknown): MediaProblem {
  const name = typeof error === 'object' && error !== null && 'name' in error ? String(error.name) : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
    case 'PermissionDeniedError':
      return 'permission-denied';
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return 'no-device';
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return 'in-use';
    default:
      return 'unknown';
  }
}

/** The pre-call check's sentence for each problem; `audioOnly` tells whether only the microphone was asked for. */
export function mediaProblemMessage(problem: MediaProblem, audioOnly: boolean): string {
  switch (problem) {
    case 'permission-denied':
      return audioOnly
        ? 'Microphone access was denied. Allow it in your browser’s site settings, then try again.'
        : 'Camera and microphone access was denied. Allow it in your browser’s site settings, then try again.';
    case 'no-device':
      return audioOnly
        ? 'No microphone was found. Connect one and try again.'
        : 'No camera was found. You can join with audio only.';
    case 'in-use':
      return 'Your camera or microphone is being used by another app. Close it and try again.';
    case 'unknown':
      return 'Your camera or microphone could not be started. Please try again.';
  }
}
