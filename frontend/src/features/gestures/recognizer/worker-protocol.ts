import type { RecognizerResult } from '../logic/recognizer-result';

/**
 * Messages between the page and gesture.worker.ts. Frames go as ImageBitmaps, transferred (no
 * copy); the answers are the few numbers the detector needs, plus how long recognition took.
 */
export type ToWorker =
  /** paths may be relative: the worker resolves them against its own origin */
  | { type: 'init'; wasmPath: string; modelUrl: string }
  | { type: 'frame'; bitmap: ImageBitmap; timestampMs: number }
  | { type: 'close' };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'failed'; reason: 'wasm' | 'model' }
  | { type: 'result'; timestampMs: number; result: RecognizerResult; recognitionMs: number }
  | { type: 'frame-failed'; timestampMs: number };
