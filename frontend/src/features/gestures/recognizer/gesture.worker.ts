// MediaPipe's GestureRecognizer in a module Web Worker, off the page's main thread: recognition
// takes ~60 ms a frame on a 2-core machine, which the call's UI needs more. One frame at a time;
// the page never sends another until this one answers (logic/frame-pacing.ts).
import { FilesetResolver, GestureRecognizer } from '@mediapipe/tasks-vision';
import type { RecognizerResult } from '../logic/recognizer-result';
import type { FromWorker, ToWorker } from './worker-protocol';

let recognizer: GestureRecognizer | null = null;

const reply = (message: FromWorker) => self.postMessage(message);

/**
 * Absolute URLs on our own origin: a worker has no document base, and MediaPipe fetches and
 * imports these itself. A full URL (GESTURE_MODEL_URL set to another host) stays as it is.
 */
const onOurOrigin = (pathOrUrl: string) => new URL(pathOrUrl, self.location.origin).href;

async function init(wasmPath: string, modelUrl: string): Promise<void> {
  let fileset;
  try {
    // The ES-module build of the WASM loader: a module worker cannot importScripts the classic one.
    fileset = await FilesetResolver.forVisionTasks(onOurOrigin(wasmPath), true);
  } catch {
    return reply({ type: 'failed', reason: 'wasm' });
  }
  try {
    recognizer = await GestureRecognizer.createFromOptions(fileset, {
      baseOptions: { modelAssetPath: onOurOrigin(modelUrl), delegate: 'CPU' },
      runningMode: 'VIDEO',
      numHands: 2,
    });
  } catch {
    return reply({ type: 'failed', reason: 'model' });
  }
  reply({ type: 'ready' });
}

/** Only what the detector reads: each hand's categories and handedness (no landmarks). */
function essentials(result: RecognizerResult): RecognizerResult {
  return {
    gestures: result.gestures.map((categories) => categories.map(({ categoryName, score }) => ({ categoryName, score }))),
    handedness: (result.handedness ?? []).map((categories) => categories.map(({ categoryName }) => ({ categoryName }))),
  };
}

function recognize(bitmap: ImageBitmap, timestampMs: number): void {
  try {
    if (!recognizer) return reply({ type: 'frame-failed', timestampMs });
    const started = performance.now();
    const result = recognizer.recognizeForVideo(bitmap, timestampMs);
    reply({ type: 'result', timestampMs, result: essentials(result), recognitionMs: performance.now() - started });
  } catch {
    reply({ type: 'frame-failed', timestampMs });
  } finally {
    bitmap.close();
  }
}

self.addEventListener('message', (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  switch (message.type) {
    case 'init':
      void init(message.wasmPath, message.modelUrl);
      break;
    case 'frame':
      recognize(message.bitmap, message.timestampMs);
      break;
    case 'close':
      recognizer?.close();
      recognizer = null;
      self.close();
      break;
  }
});
