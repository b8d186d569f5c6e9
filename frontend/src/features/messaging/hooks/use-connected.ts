import { useState } from 'react';
import type { AppSocket } from '../../../lib/socket';
import { useSocketEvents } from '../../../lib/use-socket-events';

/** Whether the socket is connected, live; `onConnect` runs on every connection, the first and each reconnect. */
export function useConnected(socket: AppSocket | null, onConnect: () => void): boolean {
  const [connected, setConnected] = useState(socket?.connected ?? false);
  useSocketEvents(socket, {
    connect: () => {
      setConnected(true);
      onConnect();
    },
    disconnect: () => setConnected(false),
  });
  return connected;
}
