import type { Logger } from '../lib/logger.js';
import type { SessionStore, SocketTickets } from '../modules/auth/index.js';
import type { RealtimeServer } from './types.js';

/**
 * Authenticates every socket from a single-use ticket the page fetched over the API with its
 * session cookie (never from anything else the client says about itself; see
 * modules/auth/socket-ticket.ts for why not the cookie itself), after checking its Origin.
 */
export function authenticateSockets(
  io: RealtimeServer,
  deps: { corsOrigins: readonly string[]; tickets: SocketTickets; sessions: SessionStore; logger: Logger },
): void {
  const allowedOrigins = new Set(deps.corsOrigins);
  // The Origin check runs before the transport is accepted, for polling and WebSocket alike.
  io.engine.opts.allowRequest = (request, callback) => {
    const origin = request.headers.origin;
    callback(null, origin === undefined || allowedOrigins.has(origin));
  };

  io.use(async (socket, next) => {
    try {
      const auth = socket.handshake.auth as { ticket?: unknown } | undefined;
      const ticket = await deps.tickets.redeem(auth?.ticket);
      if (!ticket) return next(new Error('UNAUTHENTICATED'));
      // The ticket names a session; that session must still be good now.
      const identity = await deps.sessions.check(ticket.sessionId, ticket.userId, true);
      if ('ended' in identity) return next(new Error('UNAUTHENTICATED'));
      socket.data = identity;
      next();
    } catch (error) {
      deps.logger.warn({ err: error }, 'socket handshake failed');
      next(new Error('UNAVAILABLE'));
    }
  });
}
