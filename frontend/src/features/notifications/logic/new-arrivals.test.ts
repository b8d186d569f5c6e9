import { describe, expect, it } from 'vitest';
import { newArrivals } from './new-arrivals';

describe('newArrivals', () => {
  it('answers the items not seen before, in order', () => {
    const seen = new Set(['a', 'b']);
    expect(newArrivals(seen, [{ id: 'c' }, { id: 'a' }, { id: 'd' }])).toEqual([{ id: 'c' }, { id: 'd' }]);
  });

  it('answers nothing when an update only removes or reorders', () => {
    expect(newArrivals(new Set(['a', 'b']), [{ id: 'b' }])).toEqual([]);
    expect(newArrivals(new Set(['a', 'b']), [{ id: 'b' }, { id: 'a' }])).toEqual([]);
  });
});
