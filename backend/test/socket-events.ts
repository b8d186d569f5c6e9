import type { ServerToClientEvents } from '@telehealth/shared';
import type { ClientSocket } from './test-server.js';

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
