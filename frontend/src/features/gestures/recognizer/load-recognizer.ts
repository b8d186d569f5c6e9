import { getClientConfig } from '../api/get-client-config';
import type { GestureFrame } from '../logic/gesture-detector';
import { toGestureFrame, type RecognizerResult } from '../logic/recognizer-result';
import { GesturesUnavailableError } from './unavailable';
import { startWorkerRecognizer } from './worker-recognizer';

/** One recognised frame, and what it cost. */
export interface Recognition {
  frame: GestureFrame;
  /** the recognizer's own work on the frame */
  recognitionMs: number;
}

/** Something that turns the preview's current picture into a detector frame, one at a time. */
export interface Recognizer {
  /** 'worker': MediaPipe off the main thread; 'main-thread': the test seam only */
  runsOn: 'worker' | 'main-thread';
  recognize(video: HTMLVideoElement, timestampMs: number): Promise<Recognition>;
  /** called when it breaks after it started (the worker crashed): gestures become unavailable */
  onBroken(listener: (reason: string) => void): void;
  close(): void;
}

/**
 * TEST ONLY, and only in a build made with `VITE_TEST_SEAMS=1` (never frontend/dist): when a page
 * defines `window.__CARELINE_TEST_RECOGNIZER__`, gestures use it instead of MediaPipe, on the main
 * thread (it is a script on the page; a worker could not reach it). In a production build
 * `import.meta.env.VITE_TEST_SEAMS` is replaced by `undefined` at build time, so Rollup drops the
 * branch and the name: no script on a production page can feed gestures (checked by
 * e2e/gestures.e2e.test.ts against frontend/dist).
 */
export interface TestRecognizer {
  recognize(video: HTMLVideoElement | null, timestampMs: number): RecognizerResult;
}

declare global {
  interface Window {
    __CARELINE_TEST_RECOGNIZER__?: TestRecognizer;
  }
}

export { GesturesUnavailableError };

/** Where the MediaPipe WASM files are: our own origin (the build copies them there; see vite.config.ts). */
export const WASM_PATH = '/mediapipe/wasm';

/**
 * Whether this browser can run gestures at all, checked without downloading anything: a module
 * worker, WebAssembly and ImageBitmaps. Null when it can, else the reason.
 */
export function browserCannotRunGestures(): string | null {
  if (typeof Worker === 'undefined' || typeof WebAssembly === 'undefined') return 'this browser cannot run them';
  if (typeof createImageBitmap !== 'function') return 'this browser cannot pass camera pictures to them';
  return null;
}

/**
 * Whether the model file is really there. A missing file on our origin is not a 404 but the app's
 * index.html (the single-page fallback), so an HTML answer means "not installed" too.
 */
async function modelInstalled(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { method: 'HEAD', credentials: 'same-origin' });
    return response.ok && !(response.headers.get('Content-Type') ?? '').includes('text/html');
  } catch {
    return false;
  }
}

/**
 * Whether gestures can run here, cheaply (no MediaPipe download): the browser, the server's
 * settings, the model on the server. Resolves to the model's URL, or rejects with the reason.
 */
export async function checkGestures(): Promise<string> {
  const cannot = browserCannotRunGestures();
  if (cannot) throw new GesturesUnavailableError(cannot);
  const config = await getClientConfig().catch(() => {
    throw new GesturesUnavailableError('the gesture settings could not be loaded from the server');
  });
  if (!(await modelInstalled(config.gestureModelUrl)))
    throw new GesturesUnavailableError('the gesture model is not installed on this server');
  return config.gestureModelUrl;
}

function testSeamRecognizer(testRecognizer: TestRecognizer): Recognizer {
  return {
    runsOn: 'main-thread',
    recognize: async (video, timestampMs) => {
      const started = performance.now();
      const frame = toGestureFrame(testRecognizer.recognize(video, timestampMs), timestampMs);
      return { frame, recognitionMs: performance.now() - started };
    },
    onBroken: () => undefined,
    close: () => undefined,
  };
}

/**
 * The gesture recognizer, loaded only when someone turns gestures on: the checks above, then
 * MediaPipe in a Web Worker (its code, WASM and model only then downloaded, all from our origin).
 */
export async function loadRecognizer(): Promise<Recognizer> {
  const testRecognizer = import.meta.env.VITE_TEST_SEAMS === '1' ? window.__CARELINE_TEST_RECOGNIZER__ : undefined;
  if (testRecognizer) return testSeamRecognizer(testRecognizer);
  const modelUrl = await checkGestures();
  return startWorkerRecognizer({ wasmPath: WASM_PATH, modelUrl });
}
