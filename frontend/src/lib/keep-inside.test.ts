import { describe, expect, it } from 'vitest';
import { shiftInside } from './keep-inside';

describe('keeping a popover inside its pane', () => {
  const pane = { left: 400, right: 1200 };
  it('moves a box that runs past the right edge back in, with a margin', () => {
    expect(shiftInside({ left: 1000, right: 1300 }, pane)).toBe(-108);
  });
  it('moves one past the left edge right', () => {
    expect(shiftInside({ left: 380, right: 600 }, pane)).toBe(28);
  });
  it('leaves one that fits where it is', () => {
    expect(shiftInside({ left: 500, right: 700 }, pane)).toBe(0);
  });
  it('aligns one wider than the pane to its left edge', () => {
    expect(shiftInside({ left: 300, right: 1300 }, pane)).toBe(108);
  });
});
