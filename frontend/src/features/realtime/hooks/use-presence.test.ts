// @vitest-environment jsdom
import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createInMemorySocket } from '../../../lib/use-socket-events.test-support';
import { usePresence, withPresence } from './use-presence';

describe('usePresence', () => {
  it('unknown until the list, then follows updates; unknown again on disconnect', () => {
    const server = createInMemorySocket();
    const { result, unmount } = renderHook(() => usePresence(server.socket));
    expect(result.current).toBeNull();
    act(() => server.receive('presence', { userId: 'u1', online: true }));
    expect(result.current).toBeNull();
    act(() => server.receive('onlineUsers', ['u1']));
    act(() => server.receive('presence', { userId: 'u2', online: true }));
    act(() => server.receive('presence', { userId: 'u1', online: false }));
    expect([...result.current!]).toEqual(['u2']);
    act(() => server.receive('disconnect', 'transport close'));
    expect(result.current).toBeNull();
    unmount();
    expect(server.listenerCount('presence')).toBe(0);
  });

  it('an update that changes nothing keeps the same set', () => {
    const online = new Set(['u1']);
    expect(withPresence(online, 'u1', true)).toBe(online);
  });
});
