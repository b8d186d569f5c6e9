import type { GestureFrame } from './gesture-detector';

/**
 * The part of MediaPipe's `GestureRecognizerResult` the detector needs: per hand, categories
 * best first, and which hand it is. The test hook returns this same shape.
 */
export interface RecognizerResult {
  gestures: readonly (readonly { categoryName: string; score: number }[])[];
  handedness?: readonly (readonly { categoryName: string }[])[];
}

/** One recognizer result as the detector's frame: each hand's top gesture and its handedness. */
export function toGestureFrame(result: RecognizerResult, timestampMs: number): GestureFrame {
  const hands = result.gestures.flatMap((categories, index) => {
    const top = categories[0];
    if (!top) return [];
    const handedness = result.handedness?.[index]?.[0]?.categoryName;
    return [{ gesture: top.categoryName, score: top.score, ...(handedness ? { handedness } : {}) }];
  });
  return { timestampMs, hands };
}
