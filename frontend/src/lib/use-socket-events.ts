import type { ServerToClientEvents } from '@telehealth/shared';
import type { SocketReservedEvents } from 'socket.io-client';
import { useEffect, useEffectEvent } from 'react';
import type { AppSocket } from './socket';

/** What a socket can tell us: the server's events (the shared contract) and the connection's own. */
export type SocketListenEvents = ServerToClientEvents & Pick<SocketReservedEvents, 'connect' | 'disconnect'>;

/** Some of those events, each with its handler: `{ presence: (update) => …, disconnect: () => … }`. */
export type SocketEventHandlers = { [Event in keyof SocketListenEvents]?: SocketListenEvents[Event] };

type AnyListener = (...args: unknown[]) => void;

/**
 * Listens to `socket` with `handlers`, for as long as the component is mounted:
 *
 *     useSocketEvents(socket, { presence: (update) => setOnline(…), disconnect: () => setOnline(null) });
 *
 * - Subscribes once per socket (and not at all while it is null); every listener it added is
 *   removed when the socket changes or the component unmounts.
 * - Each event runs the handler of the latest render (`useEffectEvent`), so handlers may read
 *   state and props freely and need no `useCallback`, and no event is missed between renders.
 * - Which events are listened to is read when subscribing: keep the same keys on every render
 *   (a handler that has nothing to do can return early).
 */
export function useSocketEvents(socket: AppSocket | null, handlers: SocketEventHandlers): void {
  const handle = useEffectEvent((event: keyof SocketListenEvents, args: unknown[]) => {
    (handlers[event] as AnyListener | undefined)?.(...args);
  });
  const events = useEffectEvent(() => Object.keys(handlers) as (keyof SocketListenEvents)[]);

  useEffect(() => {
    if (!socket) return;
    // socket.io's overloads cannot take a union of event names; the handler types are checked above.
    const untyped = socket as unknown as {
      on: (event: string, listener: AnyListener) => void;
      off: (event: string, listener: AnyListener) => void;
    };
    const added = events().map((event) => {
      const listener: AnyListener = (...args) => handle(event, args);
      untyped.on(event, listener);
      return () => untyped.off(event, listener);
    });
    return () => {
      for (const remove of added) remove();
    };
  }, [socket]);
}
