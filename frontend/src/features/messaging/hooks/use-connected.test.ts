// @vitest-environment jsdom
import { act, renderHook } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { createMessagingSocket } from './messaging-fakes.test-support';
import { useConnected } from './use-connected';

describe('useConnected', () => {
  it('follows the socket, and runs onConnect on every connection', () => {
    const server = createMessagingSocket();
    server.setConnected(false);
    const onConnect = vi.fn();
    const { result, unmount } = renderHook(() => useConnected(server.socket, onConnect));
    expect(result.current).toBe(false);
    act(() => server.receive('connect'));
    expect(result.current).toBe(true);
    act(() => server.receive('disconnect', 'transport close'));
    expect(result.current).toBe(false);
    act(() => server.receive('connect'));
    expect(onConnect).toHaveBeenCalledTimes(2);
    unmount();
    expect(server.listenerCount('connect')).toBe(0);
  });

  it('without a socket: not connected', () => {
    const { result } = renderHook(() => useConnected(null, vi.fn()));
    expect(result.current).toBe(false);
  });
});
