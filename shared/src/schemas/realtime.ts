/**
 * `POST /api/auth/socket-ticket`: what a signed-in page needs to open its socket. The socket's
 * handshake carries `auth: {ticket}` (never the cookie: in the split deployment the socket goes to
 * another site, where the session cookie is a third-party cookie browsers refuse to send).
 */
export interface SocketTicketAnswer {
  /** single-use, bound to this session, expires after `expiresInSeconds` */
  ticket: string;
  expiresInSeconds: number;
  /** where to open the socket; null means the page's own origin */
  socketUrl: string | null;
}

/** The handshake's `auth` payload. */
export interface SocketHandshakeAuth {
  ticket: string;
}
