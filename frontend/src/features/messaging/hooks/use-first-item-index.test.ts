// @vitest-environment jsdom
import { renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FIRST_INDEX, useFirstItemIndex } from './use-first-item-index';

const keys = (...names: string[]) => names.map((key) => ({ key }));

describe('useFirstItemIndex', () => {
  it('drops by as many items as an older page put before the first, and not for new ones at the end', () => {
    const { result, rerender } = renderHook((items: { key: string }[]) => useFirstItemIndex(items), {
      initialProps: keys('c', 'd'),
    });
    expect(result.current).toBe(FIRST_INDEX);
    rerender(keys('c', 'd', 'e'));
    expect(result.current).toBe(FIRST_INDEX);
    rerender(keys('a', 'b', 'c', 'd', 'e'));
    expect(result.current).toBe(FIRST_INDEX - 2);
  });

  it('stays put when the first item changes without a prepend (the list was replaced)', () => {
    const { result, rerender } = renderHook((items: { key: string }[]) => useFirstItemIndex(items), { initialProps: keys('a') });
    rerender(keys('x', 'y'));
    expect(result.current).toBe(FIRST_INDEX);
  });
});
