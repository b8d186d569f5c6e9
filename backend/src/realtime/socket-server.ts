import type { Role } from '@telehealth/shared';
import type { Config } from '../config/config.js';
import type { Logger } from '../lib/logger.js';
import type { SessionStore, SocketTickets } from '../modules/auth/index.js';
import { consultedWith } from '../modules/consultations/index.js';
import { createPresenceAudience } from './presence-audience.js';
import { createSessionEnforcement } from './session-enforcement.js';
import { authenticateSockets } from './socket-handshake.js';
import type { PresenceRegistry } from './presence-registry.js';
import { rooms, type RealtimeServer, type RealtimeSocket, type SocketModule } from './types.js';

export type { SocketModule } from './types.js';

export interface RealtimeDeps {
  config: Config;
  logger: Logger;
  tickets: SocketTickets;
  sessions: SessionStore;
  presence: PresenceRegistry;
  modules: SocketModule[];
  /** the patients waiting in the queue (the consultation service's line, held in memory) */
  waitingPatients: () => Promise<ReadonlySet<string>>;
  /** how often connected sockets' sessions are re-checked for idle and absolute timeouts */
  sweepIntervalMs?: number;
  /** several instances share events through an adapter (Redis) */
  scaled?: boolean;
}

export interface Realtime {
  /** Rechecks every local socket's session now (tests call this after moving a fake clock). */
  sweep(): Promise<void>;
  /** The rooms that may see a user's presence. */
  presenceAudience(userId: string, role: Role): Promise<string[]>;
  /** Tells those allowed to see a user that they went offline (a crashed instance's users). */
  announceOffline(userId: string, role: Role): void;
  close(): void;
}

/**
 * The socket server: authenticates every socket (socket-handshake.ts), keeps it only as long as
 * its session (session-enforcement.ts), registers the modules' handlers, tracks who is online and
 * tells those allowed to see them (presence-audience.ts).
 */
export function createRealtime(io: RealtimeServer, deps: RealtimeDeps): Realtime {
  const { sessions, presence, logger } = deps;
  let closing = false;
  authenticateSockets(io, { corsOrigins: deps.config.corsOrigins, tickets: deps.tickets, sessions, logger });
  const enforcement = createSessionEnforcement(io, {
    logger,
    sessions,
    sweepIntervalMs: deps.sweepIntervalMs,
    scaled: deps.scaled,
  });
  const audience = createPresenceAudience({ presence, waitingPatients: deps.waitingPatients });

  async function cameOnline(socket: RealtimeSocket): Promise<void> {
    const { userId, role } = socket.data;
    const { first } = await presence.add(userId, role, socket.id);
    // Read once for both questions (each read is a scan of the consultations on FerretDB).
    const consulted = role === 'admin' ? new Set<string>() : await consultedWith(userId);
    socket.emit('onlineUsers', await audience.visibleOnline(userId, role, consulted));
    if (first)
      io.to(await audience.audienceOf(userId, role, consulted))
        .except(rooms.user(userId))
        .emit('presence', { userId, online: true });
  }

  async function wentAway(userId: string, role: Role, socketId: string): Promise<void> {
    const { last } = await presence.remove(userId, socketId);
    if (!last) return;
    const told = await audience.audienceOf(userId, role);
    if (!closing) io.to(told).emit('presence', { userId, online: false });
  }

  io.on('connection', (socket) => {
    const { userId, role, sessionId } = socket.data;
    void socket.join([rooms.user(userId), rooms.session(sessionId), rooms.role(role)]);
    enforcement.guard(socket);
    for (const register of deps.modules) register(socket);
    cameOnline(socket).catch((error: unknown) => logger.error({ err: error }, 'presence on connect failed'));
    socket.on('disconnect', () => {
      // Shutting down: every socket goes at once and Redis is about to close; the presence sweep
      // of the surviving instances announces these users (an emit now would fail unhandled).
      if (closing) return;
      wentAway(userId, role, socket.id).catch((error: unknown) => logger.error({ err: error }, 'presence on disconnect failed'));
    });
  });

  return {
    sweep: enforcement.sweep,
    presenceAudience: (userId, role) => audience.audienceOf(userId, role),
    announceOffline(userId, role) {
      audience
        .audienceOf(userId, role)
        .then((told) => io.to(told).emit('presence', { userId, online: false }))
        .catch((error: unknown) => logger.error({ err: error }, 'presence announcement failed'));
    },
    close() {
      closing = true;
      enforcement.close();
    },
  };
}
