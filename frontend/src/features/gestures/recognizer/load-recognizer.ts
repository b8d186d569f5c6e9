import type { GestureRecognizer } from '@mediapipe/tasks-vision';
import { getClientConfig } from '../api/get-client-config';
import type { GestureFrame } from '../logic/gesture-detector';
import { toGestureFrame, type RecognizerResult } from '../logic/recognizer-result';

/** Something that turns a video frame into a detector frame. */
export interface Recognizer {
  recognize(video: HTMLVideoElement | null, timestampMs: number): GestureFrame;
  close(): void;
}

/**
 * TEST ONLY, and only in a build made with `VITE_TEST_SEAMS=1` (never frontend/dist): when a page
 * defines `window.__CARELINE_TEST_RECOGNIZER__`, gestures use it instead of MediaPipe. In a production
 * build `import.meta.env.VITE_TEST_SEAMS` is replaced by `undefined` at build time, so Rollup drops the
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

/** Gestures cannot run here, with a reason for the person who asked for them. */
export class GesturesUnavailableError extends Error {
  override readonly name = 'GesturesUnavailableError';
}

/** Where the MediaPipe WASM files are: our own origin (the build copies them there; see vite.config.ts). */
const WASM_PATH = '/mediapipe/wasm';

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
 * The gesture recognizer, loaded only when someone turns gestures on: the settings from the
 * server, a check that the model is installed, then MediaPipe itself through a dynamic import, so
 * none of it is in the bundles the app loads before.
 */
export async function loadRecognizer(): Promise<Recognizer> {
  const testRecognizer = import.meta.env.VITE_TEST_SEAMS === '1' ? window.__CARELINE_TEST_RECOGNIZER__ : undefined;
  if (testRecognizer) {
    return {
      recognize: (video, timestampMs) => toGestureFrame(testRecognizer.recognize(video, timestampMs), timestampMs),
      close: () => undefined,
    };
  }

  const config = await getClientConfig().catch(() => {
    throw new GesturesUnavailableError('Gesture settings could not be loaded from the server');
  });
  if (!(await modelInstalled(config.gestureModelUrl)))
    throw new GesturesUnavailableError('Gesture model not installed on this server');

  let recognizer: GestureRecognizer;
  try {
    const { FilesetResolver, GestureRecognizer } = await import('@mediapipe/tasks-vision');
    const fileset = await FilesetResolver.forVisionTasks(WASM_PATH);
    recognizer = await GestureRecognizer.createFromOptions(fileset, {
      baseOptions: { modelAssetPath: config.gestureModelUrl, delegate: 'CPU' },
      runningMode: 'VIDEO',
      numHands: 2,
    });
  } catch {
    throw new GesturesUnavailableError('Gesture recognition could not start in this browser');
  }

  return {
    recognize(video, timestampMs) {
      // No picture yet (or the camera is off): a frame with no hands keeps the detector's clock going.
      if (!video || video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA || video.videoWidth === 0)
        return { timestampMs, hands: [] };
      return toGestureFrame(recognizer.recognizeForVideo(video, timestampMs), timestampMs);
    },
    close: () => recognizer.close(),
  };
}
