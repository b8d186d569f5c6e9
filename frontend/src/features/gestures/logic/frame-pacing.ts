/**
 * How often a camera frame goes to the recognizer, as pure functions of what has been measured.
 *
 * Recognition runs in a worker, one frame at a time. A frame is never queued: while the worker is
 * busy the camera's frames are dropped, so the detector always sees the newest picture and a slow
 * machine falls behind by nothing. The interval between frames follows the recognition time the
 * worker reports (smoothed), times a headroom that leaves the machine idle part of the time for the
 * call itself, bounded so holds stay measurable (see docs/gestures.md).
 */

export interface PacingConfig {
  /** never faster than this (~15 a second is plenty for 1–2 s holds) */
  minIntervalMs: number;
  /** never slower than this: a 1 s hold still gets 4–5 frames, and the action comes ≤ this late */
  maxIntervalMs: number;
  /** interval = smoothed recognition time × headroom: 1.5 keeps the worker idle a third of the time */
  headroom: number;
  /** weight of the newest measurement in the moving average (0..1) */
  smoothing: number;
}

export const PACING: PacingConfig = { minIntervalMs: 66, maxIntervalMs: 250, headroom: 1.5, smoothing: 0.25 };

export interface PacingState {
  /** the interval aimed at now */
  intervalMs: number;
  /** smoothed recognition time; null before the first result */
  averageMs: number | null;
  /** a frame is in the worker */
  busy: boolean;
  /** when the last frame was sent (-Infinity before the first) */
  lastSentAt: number;
  sent: number;
  /** ticks (≈ camera frames) skipped because a frame was due while the worker was still busy */
  dropped: number;
}

export const initialPacing = (config: PacingConfig = PACING): PacingState => ({
  intervalMs: config.minIntervalMs,
  averageMs: null,
  busy: false,
  lastSentAt: Number.NEGATIVE_INFINITY,
  sent: 0,
  dropped: 0,
});

export type FrameDecision = 'send' | 'drop' | 'wait';

/** At a tick: send the current frame, drop it (due, but the worker is busy), or wait (not due yet). */
export function decideFrame(state: PacingState, now: number): FrameDecision {
  if (now - state.lastSentAt < state.intervalMs) return 'wait';
  return state.busy ? 'drop' : 'send';
}

/** The state after a decision at `now` was carried out. */
export function afterDecision(state: PacingState, decision: FrameDecision, now: number): PacingState {
  if (decision === 'send') return { ...state, busy: true, lastSentAt: now, sent: state.sent + 1 };
  // The interval is not restarted: the frame after the worker frees up goes at once.
  if (decision === 'drop') return { ...state, dropped: state.dropped + 1 };
  return state;
}

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));

/** The worker answered after `recognitionMs` of work: free it and aim the interval at what it sustains. */
export function afterResult(state: PacingState, recognitionMs: number, config: PacingConfig = PACING): PacingState {
  if (!Number.isFinite(recognitionMs) || recognitionMs < 0) return { ...state, busy: false };
  const averageMs =
    state.averageMs === null ? recognitionMs : state.averageMs + config.smoothing * (recognitionMs - state.averageMs);
  return {
    ...state,
    busy: false,
    averageMs,
    intervalMs: clamp(averageMs * config.headroom, config.minIntervalMs, config.maxIntervalMs),
  };
}

/** The worker failed on a frame: free it, keep the interval. */
export const afterFailure = (state: PacingState): PacingState => ({ ...state, busy: false });
