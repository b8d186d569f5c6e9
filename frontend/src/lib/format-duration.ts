const MINUTE = 60;

/** A span in whole minutes or hours and minutes: "12 min", "1 h 5 min"; under a minute is "less than a minute". */
export function minutesInWords(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < MINUTE) return 'less than a minute';
  const minutes = Math.round(seconds / MINUTE);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/**
 * A patient's estimated wait: "about 12 min", or "estimate unavailable" while the server has no
 * history to estimate from (null) or sent none.
 */
export function formatEstimate(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return 'estimate unavailable';
  if (seconds < MINUTE) return 'less than a minute';
  return `about ${minutesInWords(seconds)}`;
}

/** How long someone has waited since `since`, as a doctor reads it: "waiting 4 min". Never negative (clock skew). */
export function formatWaiting(since: string | Date, now: number): string {
  const elapsedSeconds = Math.max(0, (now - new Date(since).getTime()) / 1000);
  return `waiting ${minutesInWords(Math.floor(elapsedSeconds / MINUTE) * MINUTE)}`;
}

/** An average wait for the admin's stats: "42 s", "3 min", or "no data yet" when nothing was accepted. */
export function formatAverage(seconds: number | null): string {
  if (seconds === null) return 'no data yet';
  if (seconds < MINUTE) return `${Math.round(seconds)} s`;
  return minutesInWords(seconds);
}

/**
 * A duration as a clock shows it, in whole seconds (never rounded up, so a timer does not run
 * ahead): "0:07", "12:34", "1:02:03". The call timer, and how long a call lasted.
 */
export function formatClockDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = String(seconds % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${rest}` : `${minutes}:${rest}`;
}
