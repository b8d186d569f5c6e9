import type { AppSocket } from './socket';
import type { SocketListenEvents } from './use-socket-events';

type Listener = (...args: never[]) => void;

/**
 * A stand-in for the socket a hook is given, for unit tests without a server: it keeps the
 * listeners `on`/`off` add and remove, and `receive` plays an event from the server to them. It is
 * a double of our hooks' input, not a copy of Socket.IO (the backend and browser tests use real
 * sockets); only what `useSocketEvents` calls is there.
 */
export interface InMemorySocket {
  /** the object to hand to the hook under test */
  socket: AppSocket;
  /** the server sends `event`: every listener on it runs, in the order added */
  receive<Event extends keyof SocketListenEvents>(event: Event, ...args: Parameters<SocketListenEvents[Event]>): void;
  /** how many listeners are on `event` now (0 after cleanup) */
  listenerCount(event: keyof SocketListenEvents): number;
}

export function createInMemorySocket(): InMemorySocket {
  const listeners = new Map<string, Listener[]>();
  const emitter = {
    on(event: string, listener: Listener) {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
      return emitter;
    },
    off(event: string, listener: Listener) {
      listeners.set(
        event,
        (listeners.get(event) ?? []).filter((other) => other !== listener),
      );
      return emitter;
    },
  };
  return {
    socket: emitter as unknown as AppSocket,
    receive(event, ...args) {
      for (const listener of listeners.get(event) ?? []) (listener as (...values: unknown[]) => void)(...args);
    },
    listenerCount: (event) => listeners.get(event)?.length ?? 0,
  };
}
