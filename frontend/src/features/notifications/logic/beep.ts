let audio: AudioContext | null = null;

/**
 * A short two-tone chime made with WebAudio (no sound file to download). Browsers refuse to start
 * audio before the person has interacted with the page, and say so in the console when a page
 * tries; so nothing is created here: until `unlockSound()` has run from a click or key press, a
 * beep stays silent.
 */
export function beep(): void {
  const context = audio;
  if (!context || context.state !== 'running') return;
  const start = context.currentTime;
  for (const [offset, frequency] of [
    [0, 880],
    [0.18, 660],
  ] as const) {
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.type = 'sine';
    oscillator.frequency.value = frequency;
    // A quick fade in and out: a hard start or stop clicks.
    gain.gain.setValueAtTime(0, start + offset);
    gain.gain.linearRampToValueAtTime(0.2, start + offset + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.001, start + offset + 0.16);
    oscillator.connect(gain).connect(context.destination);
    oscillator.start(start + offset);
    oscillator.stop(start + offset + 0.17);
  }
}

/** Whether a beep would be heard now (the audio context was started by a gesture). */
export function soundReady(): boolean {
  return audio?.state === 'running';
}

/**
 * Starts the audio context on the page's first click or key press, then calls `onReady`.
 * Returns a function that stops waiting.
 */
export function unlockSoundOnFirstGesture(onReady: () => void): () => void {
  // `click`, not `pointerdown`: what this unlocks re-renders the page (the "sounds start" note goes),
  // and a layout that moves between press and release would send the click somewhere else.
  const events = ['click', 'keydown'] as const;
  const stop = () => events.forEach((event) => document.removeEventListener(event, unlock, true));
  function unlock() {
    stop();
    const context = unlockSound();
    if (!context) return;
    if (context.state === 'running') onReady();
    else void context.resume().then(onReady, () => undefined);
  }
  events.forEach((event) => document.addEventListener(event, unlock, true));
  return stop;
}

/** Creates or resumes the audio context; call it from a click so later beeps may play. */
export function unlockSound(): AudioContext | null {
  if (typeof AudioContext === 'undefined') return null;
  audio ??= new AudioContext();
  if (audio.state === 'suspended') void audio.resume().catch(() => undefined);
  return audio;
}
