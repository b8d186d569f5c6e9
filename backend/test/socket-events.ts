import type { ServerToClientEvents } from '@telehealth/shared';
import type { ClientSocket, TestServer } from './test-server.js';

type Payload<E extends keyof ServerToClientEvents> = Parameters<ServerToClientEvents[E]>[0];

/** Every `event` the socket receives from now on, in order (read it after `drained`). */
export function collect<E extends keyof ServerToClientEvents>(socket: ClientSocket, event: E): Payload<E>[] {
  const seen: Payload<E>[] = [];
  socket.on(event, ((payload: Payload<E>) => seen.push(payload)) as never);
  return seen;
}

/**
 * Resolves once everything the server had sent this socket before now has arrived: one
 * acknowledged round trip on the same connection, whose answer Socket.IO delivers after every
 * packet already queued for it. So "nothing more came" is a fact about what the server did, not a
 * guess that a few hundred milliseconds were enough. (The probe is a call event with an empty
 * call id: refused by validation, it changes nothing.)
 */
export async function drained(socket: ClientSocket, timeoutMs = 3_000): Promise<void> {
  await socket.timeout(timeoutMs).emitWithAck('call-reject', { callId: '' });
}

/**
 * Closes `socket` from the client side and resolves once the server has run its `disconnect`
 * listeners for it: the app's were added at connection, so they have run (and made whatever
 * synchronous decision they make) by the time this one does.
 */
export function closedOnServer(server: TestServer, socket: ClientSocket): Promise<void> {
  const serverSocket = server.context.io.of('/').sockets.get(socket.id!);
  if (!serverSocket) throw new Error('the server does not know this socket');
  const handled = new Promise<void>((resolve) => serverSocket.once('disconnect', () => setImmediate(resolve)));
  socket.disconnect();
  return handled;
}
