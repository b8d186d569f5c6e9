/** How often `isTyping: true` goes out while someone keeps typing (the server relays no more often). */
export const TYPING_SEND_INTERVAL_MS = 2_000;
/** The other side's "typing…" disappears after this long without a fresh signal. */
export const TYPING_SHOWN_FOR_MS = 6_000;

/**
 * Decides when to tell the other side that I am typing: the first keystroke at once, then at most
 * every interval; a stop only if a start was sent.
 */
export function createTypingThrottle(intervalMs = TYPING_SEND_INTERVAL_MS) {
  let lastStartAt: number | null = null;
  return {
    /** on a keystroke: true when an `isTyping: true` should go out now */
    keystroke(now: number): boolean {
      if (lastStartAt !== null && now - lastStartAt < intervalMs) return false;
      lastStartAt = now;
      return true;
    },
    /** on send or blur: true when an `isTyping: false` should go out */
    stop(): boolean {
      const wasTyping = lastStartAt !== null;
      lastStartAt = null;
      return wasTyping;
    },
  };
}
