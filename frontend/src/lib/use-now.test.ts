// @vitest-environment jsdom
import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useNow } from './use-now';

describe('useNow', () => {
  beforeEach(() => vi.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => vi.useRealTimers());

  it('moves on every interval while active, and stands still while not', () => {
    const { result, rerender } = renderHook(({ active }) => useNow(1_000, active), { initialProps: { active: true } });
    expect(result.current).toBe(1_000_000);
    act(() => {
      vi.advanceTimersByTime(2_500);
    });
    expect(result.current).toBe(1_002_000);

    rerender({ active: false });
    act(() => {
      vi.advanceTimersByTime(5_000);
    });
    expect(result.current).toBe(1_002_000);
  });
});
