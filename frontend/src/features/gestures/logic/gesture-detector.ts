/**
 * Turns MediaPipe GestureRecognizer results into call actions, as a pure step function:
 * `step(state, frame, config) → { state, output }`. No timers: time is the frames' timestamps, so
 * the same frames always give the same actions, and tests replay them exactly.
 *
 * The rules lean hard towards doing nothing, because a false positive can end a consultation:
 * - a gesture counts only at or above a confidence floor;
 * - it must be held (palm 1 s → mute; thumb down 2 s → hang-up), so a flicker never fires;
 * - a missed frame or two (≤ `gapToleranceMs`) does not break a hold, because recognizers drop frames;
 * - a hold fires once; the hand must drop the gesture for `releaseMs` before it can fire again;
 * - after any action nothing starts for `cooldownMs`;
 * - a hold belongs to the hand that started it (by MediaPipe's handedness label, else by its
 *   index in the frame): another hand in view neither continues it nor interrupts it;
 * - hang-up is never immediate: it becomes `hang-up-pending`, which an undo cancels, and only
 *   `undoMs` later `hang-up-confirmed`. Gestures are ignored meanwhile.
 */

/** One hand in one recognizer result: its top gesture category and that category's score. */
export interface HandGesture {
  /** MediaPipe category: 'Open_Palm', 'Thumb_Down', 'None', 'Closed_Fist', … */
  gesture: string;
  score: number;
  /** MediaPipe's 'Left' / 'Right' */
  handedness?: string;
}

export interface GestureFrame {
  timestampMs: number;
  hands: HandGesture[];
  /** the user pressed Undo (the UI passes it with the next frame, or with a frame of no hands) */
  undo?: boolean;
}

export type GestureAction = 'toggle-mute' | 'hang-up-pending' | 'hang-up-confirmed' | 'hang-up-cancelled';

/** What a held gesture does once held long enough. */
export interface HoldRule {
  action: 'toggle-mute' | 'hang-up';
  holdMs: number;
  /** recognizer scores below this count as no gesture (per gesture: the classifier's scores differ by gesture) */
  minScore: number;
}

export interface GestureConfig {
  /** the gestures that do something; every other category is no gesture */
  holds: Readonly<Record<string, HoldRule>>;
  /** a hold survives the gesture going missing for this long (dropped or misread frames) */
  gapToleranceMs: number;
  /** after firing, the gesture must be gone this long before the same hand can fire again */
  releaseMs: number;
  /** after any action, no new hold starts for this long */
  cooldownMs: number;
  /** how long a pending hang-up waits for an undo */
  undoMs: number;
}

/**
 * Floors from measurement (docs/gestures.md): a real open palm scores 0.65–0.67 with the shipped model,
 * a thumb down 0.78–0.96, and resting hands are 'None' (0.70–0.74), which never counts. Each floor sits
 * about 0.1 below the lowest real score of its gesture.
 */
export const GESTURE_CONFIG: GestureConfig = {
  holds: {
    Open_Palm: { action: 'toggle-mute', holdMs: 1_000, minScore: 0.55 },
    Thumb_Down: { action: 'hang-up', holdMs: 2_000, minScore: 0.65 },
  },
  gapToleranceMs: 150,
  releaseMs: 300,
  cooldownMs: 1_500,
  undoMs: 3_000,
};

interface Hold {
  gesture: string;
  /** 'Left'/'Right', or '#<index>' when the recognizer gave no handedness */
  handKey: string;
  startedAt: number;
  lastSeenAt: number;
  /** fired already: waits for the gesture to be released */
  fired: boolean;
}

export interface DetectorState {
  hold: Hold | null;
  cooldownUntil: number;
  /** when the pending hang-up started; null when none is pending */
  hangUpPendingSince: number | null;
  lastTimestampMs: number;
}

export type DetectorPhase = 'idle' | 'holding' | 'awaiting-release' | 'cooldown' | 'hang-up-pending';

export interface DetectorOutput {
  state: DetectorPhase;
  /** the gesture being held, for the progress ring's label */
  gesture: string | null;
  /** 0..1 of the current hold, for the progress ring */
  progress: number;
  /** while a hang-up is pending: how long the Undo button stays up */
  undoRemainingMs: number | null;
  actions: GestureAction[];
}

export const initialDetectorState: DetectorState = {
  hold: null,
  cooldownUntil: Number.NEGATIVE_INFINITY,
  hangUpPendingSince: null,
  lastTimestampMs: Number.NEGATIVE_INFINITY,
};

const handKeyOf = (hand: HandGesture, index: number) => hand.handedness ?? `#${index}`;

/** The frame's hands that show a gesture that does something, confidently enough. */
function qualifyingHands(frame: GestureFrame, config: GestureConfig): { gesture: string; handKey: string }[] {
  return frame.hands.flatMap((hand, index) =>
    (config.holds[hand.gesture]?.minScore ?? Infinity) <= hand.score
      ? [{ gesture: hand.gesture, handKey: handKeyOf(hand, index) }]
      : [],
  );
}

function output(state: DetectorState, now: number, config: GestureConfig, actions: GestureAction[]): DetectorOutput {
  if (state.hangUpPendingSince !== null) {
    const undoRemainingMs = Math.max(0, state.hangUpPendingSince + config.undoMs - now);
    return { state: 'hang-up-pending', gesture: 'Thumb_Down', progress: 1, undoRemainingMs, actions };
  }
  const { hold } = state;
  if (hold && !hold.fired) {
    const holdMs = config.holds[hold.gesture]?.holdMs ?? Number.POSITIVE_INFINITY;
    return {
      state: 'holding',
      gesture: hold.gesture,
      progress: Math.min(1, (now - hold.startedAt) / holdMs),
      undoRemainingMs: null,
      actions,
    };
  }
  const phase: DetectorPhase = now < state.cooldownUntil ? 'cooldown' : hold ? 'awaiting-release' : 'idle';
  return { state: phase, gesture: null, progress: 0, undoRemainingMs: null, actions };
}

/** One frame in, the detector's next state and what the UI should do now. */
export function step(
  state: DetectorState,
  frame: GestureFrame,
  config: GestureConfig = GESTURE_CONFIG,
): { state: DetectorState; output: DetectorOutput } {
  const now = frame.timestampMs;
  // Out-of-order frames (a camera hiccup) would make durations negative: ignore them.
  if (now < state.lastTimestampMs) return { state, output: output(state, state.lastTimestampMs, config, []) };
  const hands = qualifyingHands(frame, config);

  // Follow the current hold's own hand. A fired hold is kept (even through a pending hang-up)
  // until that hand has let go for `releaseMs`, so one long gesture is one action.
  let hold = state.hold;
  if (hold) {
    const current = hold;
    const seen = hands.some((hand) => hand.handKey === current.handKey && hand.gesture === current.gesture);
    if (seen) hold = { ...hold, lastSeenAt: now };
    else if (now - hold.lastSeenAt > (hold.fired ? config.releaseMs : config.gapToleranceMs)) hold = null;
  }
  let next: DetectorState = { ...state, hold, lastTimestampMs: now };

  if (next.hangUpPendingSince !== null) {
    if (frame.undo) {
      next = { ...next, hangUpPendingSince: null, cooldownUntil: now + config.cooldownMs };
      return { state: next, output: output(next, now, config, ['hang-up-cancelled']) };
    }
    if (now - next.hangUpPendingSince >= config.undoMs) {
      next = { ...next, hangUpPendingSince: null, cooldownUntil: now + config.cooldownMs };
      return { state: next, output: output(next, now, config, ['hang-up-confirmed']) };
    }
    // Nothing else counts until the user decides or the window closes.
    return { state: next, output: output(next, now, config, []) };
  }

  if (!hold && now >= next.cooldownUntil) {
    const first = hands[0];
    if (first) hold = { gesture: first.gesture, handKey: first.handKey, startedAt: now, lastSeenAt: now, fired: false };
  }

  const actions: GestureAction[] = [];
  const rule = hold ? config.holds[hold.gesture] : undefined;
  if (hold && rule && !hold.fired && hold.lastSeenAt === now && now - hold.startedAt >= rule.holdMs) {
    hold = { ...hold, fired: true };
    next = { ...next, cooldownUntil: now + config.cooldownMs };
    if (rule.action === 'hang-up') {
      next = { ...next, hangUpPendingSince: now };
      actions.push('hang-up-pending');
    } else {
      actions.push('toggle-mute');
    }
  }

  next = { ...next, hold };
  return { state: next, output: output(next, now, config, actions) };
}
