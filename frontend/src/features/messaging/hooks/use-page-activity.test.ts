// @vitest-environment jsdom
import { act, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { usePageActivity } from './use-page-activity';

function setVisibility(state: DocumentVisibilityState) {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
  document.dispatchEvent(new Event('visibilitychange'));
}

afterEach(() => {
  setVisibility('visible');
  vi.restoreAllMocks();
});

describe('usePageActivity', () => {
  it('follows the browser’s network, and calls onBackOnline when it returns', () => {
    const onBackOnline = vi.fn();
    const { result } = renderHook(() => usePageActivity(onBackOnline));
    act(() => void window.dispatchEvent(new Event('offline')));
    expect(result.current.browserOnline).toBe(false);
    expect(onBackOnline).not.toHaveBeenCalled();
    act(() => void window.dispatchEvent(new Event('online')));
    expect(result.current.browserOnline).toBe(true);
    expect(onBackOnline).toHaveBeenCalledTimes(1);
  });

  it('active only while visible and focused', () => {
    const focused = vi.spyOn(document, 'hasFocus').mockReturnValue(true);
    const { result } = renderHook(() => usePageActivity(vi.fn()));
    expect(result.current.pageActive).toBe(true);
    focused.mockReturnValue(false);
    act(() => void window.dispatchEvent(new Event('blur')));
    expect(result.current.pageActive).toBe(false);
    focused.mockReturnValue(true);
    act(() => void window.dispatchEvent(new Event('focus')));
    expect(result.current.pageActive).toBe(true);
    act(() => setVisibility('hidden'));
    expect(result.current.pageActive).toBe(false);
  });
});
