// @vitest-environment jsdom
import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../lib/api-client';
import type { MessageActions } from '../context/message-context';
import { useThreadLoad } from './use-thread-load';

function fakeActions(loadThread: MessageActions['loadThread']) {
  return { loadThread: vi.fn(loadThread), setOpenThread: vi.fn<MessageActions['setOpenThread']>() };
}

describe('useThreadLoad', () => {
  it('marks the thread open while it is on screen, and loads it', async () => {
    const actions = fakeActions(async () => undefined);
    const { result, unmount } = renderHook(() => useThreadLoad(actions, 'partner'));
    expect(actions.setOpenThread).toHaveBeenLastCalledWith('partner');
    await waitFor(() => expect(actions.loadThread).toHaveBeenCalledWith('partner'));
    expect([result.current.loadError, result.current.notAllowed]).toEqual([null, false]);
    unmount();
    expect(actions.setOpenThread).toHaveBeenLastCalledWith(null);
  });

  it('a 403 means these two may not talk: no error to retry, the thread is refused', async () => {
    const actions = fakeActions(() => Promise.reject(new ApiError(403, 'FORBIDDEN', 'No consultation')));
    const { result } = renderHook(() => useThreadLoad(actions, 'partner'));
    await waitFor(() => expect(result.current.notAllowed).toBe(true));
    expect(result.current.loadError).toBeNull();
  });

  it('any other failure is told, and Try again that works clears it', async () => {
    const actions = fakeActions(() => Promise.reject(new ApiError(500, 'INTERNAL', 'Something went wrong')));
    const { result } = renderHook(() => useThreadLoad(actions, 'partner'));
    await waitFor(() => expect(result.current.loadError).not.toBeNull());
    actions.loadThread.mockResolvedValue(undefined);
    act(() => result.current.retry());
    await waitFor(() => expect(result.current.loadError).toBeNull());
  });
});
