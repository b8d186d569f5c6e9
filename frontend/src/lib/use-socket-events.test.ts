// @vitest-environment jsdom
import { renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useSocketEvents, type SocketEventHandlers } from './use-socket-events';
import { createInMemorySocket } from './use-socket-events.test-support';

describe('useSocketEvents', () => {
  it('runs the handler of the latest render, subscribed once per socket', () => {
    const server = createInMemorySocket();
    const seen: string[] = [];
    const { rerender } = renderHook(
      ({ tag }: { tag: string }) => useSocketEvents(server.socket, { presence: ({ userId }) => seen.push(`${tag}:${userId}`) }),
      {
        initialProps: { tag: 'first' },
      },
    );
    server.receive('presence', { userId: 'u1', online: true });
    rerender({ tag: 'second' });
    server.receive('presence', { userId: 'u2', online: false });

    expect(seen).toEqual(['first:u1', 'second:u2']);
    expect(server.listenerCount('presence')).toBe(1);
  });

  it('removes every listener it added on unmount, and moves them when the socket changes', () => {
    const first = createInMemorySocket();
    const second = createInMemorySocket();
    const handlers: SocketEventHandlers = { onlineUsers: () => undefined, disconnect: () => undefined };
    const { rerender, unmount } = renderHook(({ socket }) => useSocketEvents(socket, handlers), {
      initialProps: { socket: first.socket },
    });
    expect([first.listenerCount('onlineUsers'), first.listenerCount('disconnect')]).toEqual([1, 1]);

    rerender({ socket: second.socket });
    expect([first.listenerCount('onlineUsers'), first.listenerCount('disconnect')]).toEqual([0, 0]);
    expect(second.listenerCount('onlineUsers')).toBe(1);

    unmount();
    expect([second.listenerCount('onlineUsers'), second.listenerCount('disconnect')]).toEqual([0, 0]);
  });

  it('listens to nothing while there is no socket', () => {
    const { result } = renderHook(() => useSocketEvents(null, { presence: () => undefined }));
    expect(result.current).toBeUndefined();
  });
});
