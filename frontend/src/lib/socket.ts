import type { ClientToServerEvents, ServerToClientEvents } from '@telehealth/shared';
import { io, type Socket } from 'socket.io-client';
import { API_ORIGIN } from './config';

/** The socket typed by the shared contract: emitting an unknown event or a wrong payload does not compile. */
export type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * A socket that is not yet connected. The handshake authenticates with the session cookie, so the
 * caller connects only once signed in.
 */
export function createSocket(): AppSocket {
  return io(API_ORIGIN, { withCredentials: true, autoConnect: false });
}
