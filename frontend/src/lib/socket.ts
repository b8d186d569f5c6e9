import type { ClientToServerEvents, ServerToClientEvents, SocketHandshakeAuth, SocketTicketAnswer } from '@telehealth/shared';
import { io, type Socket } from 'socket.io-client';
import { apiFetch } from './api-client';

/** The socket typed by the shared contract: emitting an unknown event or a wrong payload does not compile. */
export type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A single-use ticket for one handshake, asked of our own origin's API with the session cookie. */
export function fetchSocketTicket(): Promise<SocketTicketAnswer> {
  return apiFetch<SocketTicketAnswer>('/api/auth/socket-ticket', { method: 'POST' });
}

/**
 * A socket that is not yet connected, to where the ticket says (the API's own origin in the split
 * deployment, this page's origin otherwise). The handshake never relies on the cookie, which is a
 * third-party cookie on the API's origin there: the first attempt uses the ticket given, and every
 * reconnection asks for a fresh one, since each ticket opens one handshake only.
 */
export function createSocket(first: SocketTicketAnswer): AppSocket {
  let unused: string | undefined = first.ticket;
  const auth = (give: (auth: SocketHandshakeAuth | Record<string, never>) => void) => {
    const ticket = unused;
    unused = undefined;
    if (ticket) return give({ ticket });
    // No ticket (signed out, or the API unreachable): the handshake is refused and the provider
    // decides whether the session is over.
    fetchSocketTicket().then(
      (answer) => give({ ticket: answer.ticket }),
      () => give({}),
    );
  };
  const options = { autoConnect: false, auth };
  return first.socketUrl ? io(first.socketUrl, options) : io(options);
}
