/**
 * Whether the thread keeps its newest message in view, decided from the reader's scrolling.
 *
 * A reader at the bottom follows: new messages, and messages that grow (an image loading, an edit),
 * keep the newest in view. A reader who scrolls up stops following until they come back down or
 * press "N new messages". Content growing under a follower moves the bottom away without the reader
 * doing anything, so only a scroll *upwards* stops following, never a larger distance alone.
 */

/** Within this many pixels of the end counts as "at the bottom" (a row's padding, a rounding). */
export const BOTTOM_SLACK_PX = 48;

export interface ScrollSample {
  scrollTop: number;
  scrollHeight: number;
  clientHeight: number;
}

export function distanceFromBottom({ scrollTop, scrollHeight, clientHeight }: ScrollSample): number {
  return scrollHeight - scrollTop - clientHeight;
}

/** Following after a scroll event, given the scroll position before it. */
export function followingAfterScroll(following: boolean, previousScrollTop: number, sample: ScrollSample): boolean {
  if (distanceFromBottom(sample) <= BOTTOM_SLACK_PX) return true;
  if (sample.scrollTop < previousScrollTop - 1) return false;
  return following;
}

/** Messages from the other person after the last one the reader saw (by key): what the button counts. */
export function unseenCount(items: readonly { key: string; mine: boolean }[], lastSeenKey: string | undefined): number {
  if (lastSeenKey === undefined) return 0;
  const seen = items.findIndex((item) => item.key === lastSeenKey);
  if (seen === -1) return 0;
  return items.slice(seen + 1).filter((item) => !item.mine).length;
}

export function newMessagesLabel(count: number): string {
  return count === 1 ? '1 new message' : `${count} new messages`;
}
