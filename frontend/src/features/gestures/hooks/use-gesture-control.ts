import { useEffect, useRef, useState } from 'react';
import { pictureOf, type Picture } from '../logic/camera-picture';
import type { GestureStatus } from '../logic/gesture-messages';
import { afterDecision, afterFailure, afterResult, decideFrame, initialPacing } from '../logic/frame-pacing';
import {
  initialDetectorState,
  step,
  type DetectorOutput,
  type GestureAction,
  type GestureFrame,
} from '../logic/gesture-detector';
import { checkGestures, GesturesUnavailableError, loadRecognizer, type Recognizer } from '../recognizer/load-recognizer';
import { reportAction, reportFrame } from '../recognizer/timing';

export type { GestureStatus };

/** How often the loop looks at the camera (≈ its frame rate); frame-pacing.ts decides which frames go. */
const TICK_MS = 33;

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

const reasonOf = (error: unknown) =>
  error instanceof GesturesUnavailableError ? error.message : 'gesture recognition could not start';

/** Whether gestures can run here, asked once when the call screen shows them (no MediaPipe download). */
function useAvailability(): string | null {
  const [reason, setReason] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    checkGestures().catch((error: unknown) => void (cancelled || setReason(reasonOf(error))));
    return () => void (cancelled = true);
  }, []);
  return reason;
}

/** Loads the recognizer while gestures are on, and closes it when they go off. */
function useRecognizer(enabled: boolean) {
  const [loaded, setLoaded] = useState<{ recognizer: Recognizer } | { unavailable: string } | null>(null);
  useEffect(() => {
    if (!enabled) return;
    let cancelled = false;
    let ready: Recognizer | null = null;
    loadRecognizer().then(
      (recognizer) => {
        if (cancelled) return recognizer.close();
        ready = recognizer;
        recognizer.onBroken((reason) => setLoaded({ unavailable: reason }));
        setLoaded({ recognizer });
      },
      (error: unknown) => void (cancelled || setLoaded({ unavailable: reasonOf(error) })),
    );
    return () => {
      cancelled = true;
      ready?.close();
      setLoaded(null);
    };
  }, [enabled]);
  return loaded;
}

/**
 * Sends the local video's frames to the recognizer (in a Web Worker) at the rate the machine
 * sustains, dropping frames while it is busy, feeds the pure detector, and hands its actions to
 * `onAction`. React hears about the detector only when what it shows changes (5 % of progress,
 * a second of the undo countdown), and about the camera only when it goes off or on.
 */
export function useGestureControl({ enabled, video, onAction }: GestureControlOptions): GestureControl {
  const cannotRun = useAvailability();
  const loaded = useRecognizer(enabled && cannotRun === null);
  const [output, setOutput] = useState<DetectorOutput | null>(null);
  const [picture, setPicture] = useState<Picture>('starting');
  const latestAction = useRef(onAction);
  const latestVideo = useRef(video);
  const undoRequested = useRef(false);
  useEffect(() => {
    latestAction.current = onAction;
    latestVideo.current = video;
  });

  const recognizer = loaded && 'recognizer' in loaded ? loaded.recognizer : null;
  let status: GestureStatus = { kind: 'off' };
  if (cannotRun !== null) status = { kind: 'unavailable', reason: cannotRun };
  else if (enabled && loaded === null) status = { kind: 'loading' };
  else if (enabled && loaded && 'unavailable' in loaded) status = { kind: 'unavailable', reason: loaded.unavailable };
  else if (enabled && recognizer) status = picture === 'camera-off' ? { kind: 'paused' } : { kind: 'on' };

  useEffect(() => {
    if (!recognizer) return;
    let detector = initialDetectorState;
    let pacing = initialPacing();
    let shown: DetectorOutput | null = null;
    let idleFrameAt = Number.NEGATIVE_INFINITY;
    let stopped = false;

    const apply = (frame: GestureFrame) => {
      if (undoRequested.current) {
        undoRequested.current = false;
        frame = { ...frame, undo: true };
      }
      const result = step(detector, frame);
      detector = result.state;
      for (const action of result.output.actions) {
        reportAction(action);
        latestAction.current(action);
      }
      if (!sameOutput(shown, result.output)) {
        shown = result.output;
        setOutput(result.output);
      }
    };

    const tick = () => {
      const now = performance.now();
      const current = pictureOf(latestVideo.current);
      setPicture(current);
      if (current !== 'live' || !latestVideo.current) {
        // No picture: a frame with no hands now and then keeps the detector's clock (the undo countdown) going.
        if (!pacing.busy && now - idleFrameAt >= pacing.intervalMs) {
          idleFrameAt = now;
          apply({ timestampMs: now, hands: [] });
        }
        return;
      }
      const decision = decideFrame(pacing, now);
      pacing = afterDecision(pacing, decision, now);
      if (decision !== 'send') return;
      const sending = recognizer.recognize(latestVideo.current, now);
      // What sending cost this thread (the grab is synchronous up to its first await).
      const sendMs = performance.now() - now;
      sending.then(
        ({ frame, recognitionMs }) => {
          if (stopped) return;
          const answeredAt = performance.now();
          // Paced by the whole round trip (grab, transfer, recognition, answer): what the machine sustains.
          pacing = afterResult(pacing, answeredAt - now);
          apply(frame);
          const mainThreadMs = sendMs + (performance.now() - answeredAt);
          reportFrame(now, { recognitionMs, mainThreadMs, runsOn: recognizer.runsOn });
        },
        () => {
          if (stopped) return;
          pacing = afterFailure(pacing);
          apply({ timestampMs: now, hands: [] });
        },
      );
    };
    const timer = setInterval(tick, TICK_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
      setOutput(null);
    };
  }, [recognizer]);

  return { status, output, undo: () => void (undoRequested.current = true) };
}
