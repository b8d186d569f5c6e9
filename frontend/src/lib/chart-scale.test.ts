import { describe, expect, it } from 'vitest';
import { layoutBars, niceMax, ticks } from './chart-scale';

describe('niceMax', () => {
  it('rounds the largest value up to a round number', () => {
    expect(niceMax([3, 7, 2])).toBe(10);
    expect(niceMax([11])).toBe(20);
    expect(niceMax([21])).toBe(25);
    expect(niceMax([26])).toBe(50);
    expect(niceMax([10])).toBe(10);
    expect(niceMax([420])).toBe(500);
  });

  it('keeps an axis for an empty or all-zero chart', () => {
    expect(niceMax([])).toBe(1);
    expect(niceMax([0, 0])).toBe(1);
  });

  it('keeps a floor, so small counts still get whole-number ticks', () => {
    expect(niceMax([1], 5)).toBe(5);
    expect(ticks(niceMax([1], 5), 5)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(ticks(niceMax([21], 5), 5)).toEqual([0, 5, 10, 15, 20, 25]);
  });

  it('ignores values that are not numbers', () => {
    expect(niceMax([Number.NaN, 4])).toBe(5);
  });
});

describe('ticks', () => {
  it('divides the axis evenly', () => {
    expect(ticks(20)).toEqual([0, 5, 10, 15, 20]);
    expect(ticks(1)).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });
});

describe('layoutBars', () => {
  it('gives bars heights proportional to their values, standing on the baseline', () => {
    const [low, high] = layoutBars([5, 10], 10, 200, 100, 0);
    expect(low).toEqual({ x: 0, y: 50, width: 100, height: 50 });
    expect(high).toEqual({ x: 100, y: 0, width: 100, height: 100 });
  });

  it('leaves a zero bar flat and makes a tiny value visible', () => {
    const [zero, tiny] = layoutBars([0, 0.001], 100, 100, 100);
    expect(zero?.height).toBe(0);
    expect(tiny?.height).toBe(1);
  });

  it('centres each bar in its slot with the gap split either side', () => {
    const [bar] = layoutBars([1], 1, 100, 10, 0.5);
    expect(bar).toMatchObject({ x: 25, width: 50 });
  });

  it('draws nothing for no data', () => {
    expect(layoutBars([], 1, 100, 100)).toEqual([]);
  });
});
