import { describe, expect, it } from 'vitest';
import { formatAverage, formatClockDuration, formatEstimate, formatWaiting, minutesInWords } from './format-duration';

describe('formatEstimate', () => {
  it('rounds to whole minutes, after "about"', () => {
    expect(formatEstimate(12 * 60)).toBe('about 12 min');
    expect(formatEstimate(12 * 60 + 29)).toBe('about 12 min');
    expect(formatEstimate(12 * 60 + 31)).toBe('about 13 min');
  });

  it('says so when the server has nothing to estimate from', () => {
    expect(formatEstimate(null)).toBe('estimate unavailable');
    expect(formatEstimate(undefined)).toBe('estimate unavailable');
  });

  it('does not promise "about 0 min"', () => {
    expect(formatEstimate(0)).toBe('less than a minute');
    expect(formatEstimate(59)).toBe('less than a minute');
  });

  it('counts long waits in hours and minutes', () => {
    expect(formatEstimate(65 * 60)).toBe('about 1 h 5 min');
    expect(formatEstimate(120 * 60)).toBe('about 2 h');
  });
});

describe('formatWaiting', () => {
  const since = '2025-01-01T10:00:00.000Z';
  const at = (minutes: number, seconds = 0) => Date.parse(since) + (minutes * 60 + seconds) * 1000;

  it('counts whole minutes waited, never rounding up', () => {
    expect(formatWaiting(since, at(4, 0))).toBe('waiting 4 min');
    expect(formatWaiting(since, at(4, 59))).toBe('waiting 4 min');
  });

  it('starts at "less than a minute" and never goes negative when clocks disagree', () => {
    expect(formatWaiting(since, at(0, 30))).toBe('waiting less than a minute');
    expect(formatWaiting(since, at(-2))).toBe('waiting less than a minute');
  });
});

describe('formatAverage', () => {
  it('shows seconds under a minute, minutes above, and says when there is no data', () => {
    expect(formatAverage(42)).toBe('42 s');
    expect(formatAverage(200)).toBe('3 min');
    expect(formatAverage(null)).toBe('no data yet');
  });
});

describe('minutesInWords', () => {
  it('handles a value that is not a number without showing NaN', () => {
    expect(minutesInWords(Number.NaN)).toBe('less than a minute');
  });
});

describe('formatClockDuration', () => {
  it('counts whole seconds, minutes and hours, and never shows a negative time', () => {
    expect([0, 7, 7.9, 754, 3_723, -5].map(formatClockDuration)).toEqual(['0:00', '0:07', '0:07', '12:34', '1:02:03', '0:00']);
  });
});
