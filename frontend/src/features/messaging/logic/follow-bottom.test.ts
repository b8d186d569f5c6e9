import { describe, expect, it } from 'vitest';
import { BOTTOM_SLACK_PX, followingAfterScroll, newMessagesLabel, unseenCount } from './follow-bottom';

const sample = (scrollTop: number, scrollHeight = 2_000, clientHeight = 500) => ({ scrollTop, scrollHeight, clientHeight });

describe('following the newest message', () => {
  it('follows a reader at the bottom, or a few pixels above it (the thread that opened 8 px short)', () => {
    expect(followingAfterScroll(false, 0, sample(1_500))).toBe(true);
    expect(followingAfterScroll(false, 0, sample(1_492))).toBe(true);
    expect(followingAfterScroll(false, 0, sample(1_500 - BOTTOM_SLACK_PX))).toBe(true);
  });

  it('stops when the reader scrolls up past the slack', () => {
    expect(followingAfterScroll(true, 1_500, sample(1_200))).toBe(false);
  });

  it('keeps following when the content grows under the reader (an image loads), though the bottom moved away', () => {
    expect(followingAfterScroll(true, 1_500, sample(1_500, 2_400))).toBe(true);
  });

  it('does not start following a reader who is above and scrolling down but not there yet', () => {
    expect(followingAfterScroll(false, 800, sample(1_000))).toBe(false);
  });
});

describe('the new-messages button', () => {
  const items = [
    { key: 'a', mine: false },
    { key: 'b', mine: true },
    { key: 'c', mine: false },
    { key: 'd', mine: false },
  ];

  it('counts the other person’s messages after the last one seen, not mine', () => {
    expect(unseenCount(items, 'a')).toBe(2);
    expect(unseenCount(items, 'd')).toBe(0);
    expect(unseenCount(items, undefined)).toBe(0);
    expect(unseenCount(items, 'gone')).toBe(0);
  });

  it('says how many', () => {
    expect(newMessagesLabel(1)).toBe('1 new message');
    expect(newMessagesLabel(3)).toBe('3 new messages');
  });
});
