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

/** What the switch says, from whether gestures can run here, are on, have loaded, and see a picture. */
function statusOf(
  cannotRun: string | null,
  enabled: boolean,
  loaded: ReturnType<typeof useRecognizer>,
  picture: Picture,
): GestureStatus {
  if (cannotRun !== null) return { kind: 'unavailable', reason: cannotRun };
  if (!enabled) return { kind: 'off' };
  if (loaded === null) return { kind: 'loading' };
  if ('unavailable' in loaded) return { kind: 'unavailable', reason: loaded.unavailable };
  return picture === 'camera-off' ? { kind: 'paused' } : { kind: 'on' };
}

interface FrameLoopIo {
  video: () => HTMLVideoElement | null;
  onAction: (action: GestureAction) => void;
  /** whether Undo was pressed since the last frame (and forget it) */
  takeUndo: () => boolean;
  showOutput: (output: DetectorOutput | null) => void;
  showPicture: (picture: Picture) => void;
}

/**
 * Sends the local video's frames to the recognizer at the rate the machine sustains (frame-pacing.ts),
 * dropping frames while it is busy, and feeds the pure detector; returns the function that stops it.
 * `showOutput` is called only when what the detector shows changes (5 % of progress, a second of
 * the undo countdown), so React re-renders a few times a second, not per frame.
 */
function startFrameLoop(recognizer: Recognizer, io: FrameLoopIo): () => void {
  let detector = initialDetectorState;
  let pacing = initialPacing();
  let shown: DetectorOutput | null = null;
  let idleFrameAt = Number.NEGATIVE_INFINITY;
  let stopped = false;

  const apply = (frame: GestureFrame) => {
    const result = step(detector, io.takeUndo() ? { ...frame, undo: true } : frame);
    detector = result.state;
    for (const action of result.output.actions) {
      reportAction(action);
      io.onAction(action);
    }
    if (!sameOutput(shown, result.output)) {
      shown = result.output;
      io.showOutput(result.output);
    }
  };

  const send = (video: HTMLVideoElement, now: number) => {
    const sending = recognizer.recognize(video, now);
    // What sending cost this thread (the grab is synchronous up to its first await).
    const sendMs = performance.now() - now;
    sending.then(
      ({ frame, recognitionMs }) => {
        if (stopped) return;
        const answeredAt = performance.now();
        // Paced by the whole round trip (grab, transfer, recognition, answer): what the machine sustains.
        pacing = afterResult(pacing, answeredAt - now);
        apply(frame);
        reportFrame(now, { recognitionMs, mainThreadMs: sendMs + (performance.now() - answeredAt), runsOn: recognizer.runsOn });
      },
      () => {
        if (stopped) return;
        pacing = afterFailure(pacing);
        apply({ timestampMs: now, hands: [] });
      },
    );
  };

  const tick = () => {
    const now = performance.now();
    const video = io.video();
    const current = pictureOf(video);
    io.showPicture(current);
    if (current !== 'live' || !video) {
      // No picture: a frame with no hands now and then keeps the detector's clock (the undo countdown) going.
      if (!pacing.busy && now - idleFrameAt >= pacing.intervalMs) {
        idleFrameAt = now;
        apply({ timestampMs: now, hands: [] });
      }
      return;
    }
    const decision = decideFrame(pacing, now);
    pacing = afterDecision(pacing, decision, now);
    if (decision === 'send') send(video, now);
  };

  const timer = setInterval(tick, TICK_MS);
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}

/**
 * Gestures for the call screen: whether they can run, loading the recognizer (in a Web Worker)
 * while they are on, and the frame loop that turns the local video into `onAction` calls.
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
  useEffect(() => {
    if (!recognizer) return;
    const stop = startFrameLoop(recognizer, {
      video: () => latestVideo.current,
      onAction: (action) => latestAction.current(action),
      takeUndo: () => {
        const requested = undoRequested.current;
        undoRequested.current = false;
        return requested;
      },
      showOutput: setOutput,
      showPicture: setPicture,
    });
    return () => {
      stop();
      setOutput(null);
    };
  }, [recognizer]);

  return { status: statusOf(cannotRun, enabled, loaded, picture), output, undo: () => void (undoRequested.current = true) };
}
