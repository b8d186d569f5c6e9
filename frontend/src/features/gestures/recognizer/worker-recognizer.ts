import { toGestureFrame } from '../logic/recognizer-result';
import { recognitionSize } from '../logic/camera-picture';
import type { Recognition, Recognizer } from './load-recognizer';
import { GesturesUnavailableError } from './unavailable';
import type { FromWorker, ToWorker } from './worker-protocol';

/** Why MediaPipe could not start, in the words the switch shows. */
const FAILURE_REASONS: Record<'wasm' | 'model' | 'worker', string> = {
  wasm: 'gesture recognition could not start in this browser',
  model: 'the gesture model could not be loaded',
  worker: 'gesture recognition could not start in this browser',
};

interface Pending {
  timestampMs: number;
  resolve: (recognition: Recognition) => void;
  reject: (error: Error) => void;
}

/** The camera picture as a (downscaled) ImageBitmap: transferred to the worker, never copied. */
function grab(video: HTMLVideoElement): Promise<ImageBitmap> {
  const size = recognitionSize(video.videoWidth, video.videoHeight);
  return createImageBitmap(video, size ? { resizeWidth: size.width, resizeHeight: size.height, resizeQuality: 'low' } : {});
}

/**
 * Starts gesture.worker.ts and waits until MediaPipe is ready in it. Frames go one at a time
 * (the caller waits for each answer; frame-pacing.ts drops the frames in between).
 */
export function startWorkerRecognizer(options: { wasmPath: string; modelUrl: string }): Promise<Recognizer> {
  // Loaded by the browser only now (a chunk of its own, with MediaPipe inside), from our origin.
  const worker = new Worker(new URL('./gesture.worker.ts', import.meta.url), { type: 'module', name: 'gestures' });
  const send = (message: ToWorker, transfer: Transferable[] = []) => worker.postMessage(message, transfer);
  let pending: Pending | null = null;
  let brokenListener: (reason: string) => void = () => undefined;
  let closed = false;

  const recognizer: Recognizer = {
    runsOn: 'worker',
    async recognize(video, timestampMs) {
      if (pending) throw new Error('one frame at a time');
      const bitmap = await grab(video);
      if (closed) {
        bitmap.close();
        throw new Error('closed');
      }
      return new Promise<Recognition>((resolve, reject) => {
        pending = { timestampMs, resolve, reject };
        send({ type: 'frame', bitmap, timestampMs }, [bitmap]);
      });
    },
    onBroken: (listener) => void (brokenListener = listener),
    close() {
      closed = true;
      send({ type: 'close' });
      // If it is stuck in a frame, the close message waits behind it: end it anyway, soon.
      setTimeout(() => worker.terminate(), 1_000);
      pending?.reject(new Error('closed'));
      pending = null;
    },
  };

  return new Promise<Recognizer>((resolve, reject) => {
    let ready = false;
    worker.addEventListener('message', (event: MessageEvent<FromWorker>) => {
      const message = event.data;
      if (message.type === 'ready') {
        ready = true;
        resolve(recognizer);
      } else if (message.type === 'failed') {
        worker.terminate();
        reject(new GesturesUnavailableError(FAILURE_REASONS[message.reason]));
      } else if (pending && pending.timestampMs === message.timestampMs) {
        const { resolve: done, reject: fail } = pending;
        pending = null;
        if (message.type === 'result')
          done({ frame: toGestureFrame(message.result, message.timestampMs), recognitionMs: message.recognitionMs });
        else fail(new Error('frame not recognised'));
      }
    });
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      worker.terminate();
      pending?.reject(new Error('worker stopped'));
      pending = null;
      if (!ready) reject(new GesturesUnavailableError(FAILURE_REASONS.worker));
      else if (!closed) brokenListener('gesture recognition stopped working');
    });
    send({ type: 'init', wasmPath: options.wasmPath, modelUrl: options.modelUrl });
  });
}
