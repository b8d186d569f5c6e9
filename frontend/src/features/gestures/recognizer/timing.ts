import type { GestureAction } from '../logic/gesture-detector';

/**
 * User Timing entries for each recognised frame and each action, so DevTools (and the bench,
 * with a PerformanceObserver) can see the rate and the cost. They carry numbers only, never the
 * picture, and are cleared at once so an hour-long call keeps the buffer empty (an observer still
 * gets every entry).
 */
export const FRAME_MEASURE = 'careline:gesture-frame';
export const ACTION_MARK = 'careline:gesture-action';

/**
 * One frame: from its capture to its result on the page; `recognitionMs` is the recognizer's own
 * part, `mainThreadMs` what the frame cost the page's main thread (grabbing and sending it, then
 * the detector and the actions on its answer): the share of any long task gestures can cause.
 */
export function reportFrame(capturedAt: number, detail: { recognitionMs: number; mainThreadMs: number; runsOn: string }): void {
  performance.measure(FRAME_MEASURE, { start: capturedAt, end: performance.now(), detail });
  performance.clearMeasures(FRAME_MEASURE);
}

export function reportAction(action: GestureAction): void {
  performance.mark(ACTION_MARK, { detail: { action } });
  performance.clearMarks(ACTION_MARK);
}
