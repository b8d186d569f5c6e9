// @vitest-environment jsdom
import { act, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useAlertPermission } from './use-alert-permission';

afterEach(() => vi.unstubAllGlobals());

describe('useAlertPermission', () => {
  it('starts from the browser’s answer and asks only when told to', async () => {
    const requestPermission = vi.fn(async () => 'granted' as const);
    vi.stubGlobal('Notification', { permission: 'default', requestPermission });
    const { result } = renderHook(() => useAlertPermission());
    expect(result.current.permission).toBe('default');
    expect(requestPermission).not.toHaveBeenCalled();

    await act(() => result.current.request());
    expect(result.current.permission).toBe('granted');
  });

  it('says unsupported where the browser has no notifications', async () => {
    vi.stubGlobal('Notification', undefined);
    const { result } = renderHook(() => useAlertPermission());
    expect(result.current.permission).toBe('unsupported');
    await act(() => result.current.request());
    expect(result.current.permission).toBe('unsupported');
  });
});
