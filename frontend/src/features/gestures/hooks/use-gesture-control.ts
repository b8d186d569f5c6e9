import { useEffect, useRef, useState } from 'react';
import { initialDetectorState, step, type DetectorOutput, type GestureAction } from '../logic/gesture-detector';
import { GesturesUnavailableError, loadRecognizer, type Recognizer } from '../recognizer/load-recognizer';

export type GestureStatus = { kind: 'off' } | { kind: 'loading' } | { kind: 'on' } | { kind: 'unavailable'; reason: string };

/** ~15 recognitions a second: enough for 1–2 s holds with 150 ms gap tolerance, light on the CPU. */
export const RECOGNITION_INTERVAL_MS = 66;

interface GestureControlOptions {
  enabled: boolean;
  video: HTMLVideoElement | null;
  onAction: (action: GestureAction) => void;
}

export interface GestureControl {
  status: GestureStatus;
  /** what the detector shows now: the hold's progress, the undo countdown */
  output: DetectorOutput | null;
  /** Undo for a pending hang-up (passed to the detector with the next frame) */
  undo: () => void;
}

const sameOutput = (a: DetectorOutput | null, b: DetectorOutput) =>
  a !== null &&
  a.state === b.state &&
  a.gesture === b.gesture &&
  Math.round(a.progress * 20) === Math.round(b.progress * 20) &&
  Math.ceil((a.undoRemainingMs ?? 0) / 1000) === Math.ceil((b.undoRemainingMs ?? 0) / 1000);

/**
 * Runs the recognizer on the local video at a bounded rate, on a timer (never in render), feeds
 * the pure detector, and hands its actions to `onAction`. React hears about the detector only
 * when what it shows changes (5 % of progress, a second of the undo countdown).
 */
export function useGestureControl({ enabled, video, onAction }: GestureControlOptions): GestureControl {
  const [loaded, setLoaded] = useState<{ recognizer: Recognizer } | { unavailable: string } | null>(null);
  const [output, setOutput] = useState<DetectorOutput | null>(null);
  const latestAction = useRef(onAction);
  const latestVideo = useRef(video);
  const undoRequested = useRef(false);
  useEffect(() => {
    latestAction.current = onAction;
    latestVideo.current = video;
  });

  useEffect(() => {
    if (!enabled) return;
    let cancelled = false;
    let ready: Recognizer | null = null;
    loadRecognizer().then(
      (recognizer) => {
        if (cancelled) return recognizer.close();
        ready = recognizer;
        setLoaded({ recognizer });
      },
      (error: unknown) => {
        if (cancelled) return;
        setLoaded({
          unavailable: error instanceof GesturesUnavailableError ? error.message : 'Gesture recognition could not start',
        });
      },
    );
    return () => {
      cancelled = true;
      ready?.close();
      setLoaded(null);
    };
  }, [enabled]);

  const recognizer = loaded && 'recognizer' in loaded ? loaded.recognizer : null;
  let status: GestureStatus = { kind: 'off' };
  if (enabled)
    status =
      loaded === null
        ? { kind: 'loading' }
        : 'recognizer' in loaded
          ? { kind: 'on' }
          : { kind: 'unavailable', reason: loaded.unavailable };

  useEffect(() => {
    if (!recognizer) return;
    let detector = initialDetectorState;
    let shown: DetectorOutput | null = null;
    const tick = () => {
      const timestampMs = performance.now();
      let frame;
      try {
        frame = recognizer.recognize(latestVideo.current, timestampMs);
      } catch {
        frame = { timestampMs, hands: [] };
      }
      if (undoRequested.current) {
        undoRequested.current = false;
        frame = { ...frame, undo: true };
      }
      const result = step(detector, frame);
      detector = result.state;
      for (const action of result.output.actions) latestAction.current(action);
      if (!sameOutput(shown, result.output)) {
        shown = result.output;
        setOutput(result.output);
      }
    };
    const timer = setInterval(tick, RECOGNITION_INTERVAL_MS);
    return () => {
      clearInterval(timer);
      setOutput(null);
    };
  }, [recognizer]);

  return { status, output, undo: () => void (undoRequested.current = true) };
}
