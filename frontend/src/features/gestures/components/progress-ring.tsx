const RADIUS = 22;
const CIRCUMFERENCE = 2 * Math.PI * RADIUS;

/** A ring that fills as a gesture is held; decorative (the label beside it says what is happening). */
export function ProgressRing({ progress }: { progress: number }) {
  return (
    <svg className="progress-ring" viewBox="0 0 52 52" width="52" height="52" aria-hidden="true" focusable="false">
      <circle className="progress-ring-track" cx="26" cy="26" r={RADIUS} />
      <circle
        className="progress-ring-fill"
        cx="26"
        cy="26"
        r={RADIUS}
        strokeDasharray={CIRCUMFERENCE}
        strokeDashoffset={CIRCUMFERENCE * (1 - Math.min(1, Math.max(0, progress)))}
        transform="rotate(-90 26 26)"
      />
    </svg>
  );
}
