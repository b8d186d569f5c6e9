import { canSee, type Role } from '@telehealth/shared';
import type { Config } from '../config/config.js';
import type { Logger } from '../lib/logger.js';
import type { SessionStore } from '../modules/auth/session-store.js';
import type { SocketTickets } from '../modules/auth/socket-ticket.js';
import { consultedWith } from '../modules/consultations/relations.js';
import type { PresenceRegistry } from './presence-registry.js';
import { rooms, type RealtimeServer, type RealtimeSocket } from './types.js';

/** How old a cached session may be when the sweep checks it. */
const SWEEP_MAX_AGE_MS = 60_000;
/** When sockets of an ended session are disconnected a second time (see onEnded). */
const LATE_HANDSHAKE_MS = 300;

/** A module's socket handlers, registered on every authenticated connection. */
export type SocketModule = (socket: RealtimeSocket) => void;

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
 * Authenticates every socket from a single-use ticket the page fetched over the API with its
 * session cookie (never from anything else the client says about itself; see socket-ticket.ts for
 * why not the cookie itself), tracks who is online, tells the right people, and disconnects sockets whose session ends.
 */
export function createRealtime(io: RealtimeServer, deps: RealtimeDeps): Realtime {
  const { sessions, presence, logger } = deps;
  const allowedOrigins = new Set(deps.config.corsOrigins);
  let closing = false;

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
      const identity = await sessions.check(ticket.sessionId, ticket.userId, true);
      if ('ended' in identity) return next(new Error('UNAUTHENTICATED'));
      socket.data = identity;
      next();
    } catch (error) {
      logger.warn({ err: error }, 'socket handshake failed');
      next(new Error('UNAVAILABLE'));
    }
  });

  /** `consulted`: the user's consultedWith(), when the caller has it already. */
  async function presenceAudience(userId: string, role: Role, consulted?: Set<string>): Promise<string[]> {
    if (role === 'doctor') return [rooms.role('patient'), rooms.role('doctor'), rooms.role('admin')];
    if (role === 'admin') return [rooms.role('admin')];
    // A patient waiting in the queue is shown to every doctor, with whether they are online.
    if ((await deps.waitingPatients()).has(userId)) return [rooms.role('doctor'), rooms.role('admin')];
    const doctors = consulted ?? (await consultedWith(userId));
    return [...[...doctors].map(rooms.user), rooms.role('admin')];
  }

  async function visibleOnline(userId: string, role: Role, consulted: Set<string>): Promise<string[]> {
    // A patient sees doctors only (policies.canSee): ask for those, not for everyone online.
    const online = await presence.online(role === 'patient' ? 'doctor' : undefined);
    const waiting = role === 'doctor' ? await deps.waitingPatients() : new Set<string>();
    const viewer = { id: userId, role, active: true };
    return [...online]
      .filter(
        ([id, otherRole]) =>
          id !== userId &&
          canSee(viewer, { id, role: otherRole, active: true }, { consulted: consulted.has(id), waiting: waiting.has(id) }),
      )
      .map(([id]) => id);
  }

  io.on('connection', (socket) => {
    const { userId, role, sessionId } = socket.data;
    void socket.join([rooms.user(userId), rooms.session(sessionId), rooms.role(role)]);

    // Any event the user sends is activity; an ended session disconnects on its next event.
    socket.use(([event], next) => {
      sessions.check(sessionId, userId, true).then(
        (result) => {
          if ('ended' in result) {
            socket.emit('session-ended', { reason: result.ended });
            socket.disconnect(true);
            return;
          }
          next();
        },
        (error: unknown) => {
          logger.warn({ err: error, event }, 'session check failed');
          next(new Error('UNAVAILABLE'));
        },
      );
    });

    for (const register of deps.modules) register(socket);

    void (async () => {
      const { first } = await presence.add(userId, role, socket.id);
      // Read once for both questions (each read is a scan of the consultations on FerretDB).
      const consulted = role === 'admin' ? new Set<string>() : await consultedWith(userId);
      socket.emit('onlineUsers', await visibleOnline(userId, role, consulted));
      if (first)
        io.to(await presenceAudience(userId, role, consulted))
          .except(rooms.user(userId))
          .emit('presence', { userId, online: true });
    })().catch((error: unknown) => logger.error({ err: error }, 'presence on connect failed'));

    socket.on('disconnect', () => {
      // Shutting down: every socket goes at once and Redis is about to close; the presence sweep
      // of the surviving instances announces these users (an emit now would fail unhandled).
      if (closing) return;
      void (async () => {
        const { last } = await presence.remove(userId, socket.id);
        if (!last) return;
        const audience = await presenceAudience(userId, role);
        if (!closing) io.to(audience).emit('presence', { userId, online: false });
      })().catch((error: unknown) => logger.error({ err: error }, 'presence on disconnect failed'));
    });
  });

  const onEnded = (sessionIds: string[], reason: 'revoked' | 'expired' | 'deactivated') => {
    const sessionRooms = sessionIds.map(rooms.session);
    const disconnect = () => {
      io.to(sessionRooms).emit('session-ended', { reason });
      io.in(sessionRooms).disconnectSockets(true);
    };
    disconnect();
    // A handshake whose session check passed just before the revocation joins its rooms a moment
    // later, on this instance or another: a second pass (through the adapter, so everywhere)
    // disconnects it too, well within a second. Checks made after the revocation already refuse.
    setTimeout(disconnect, LATE_HANDSHAKE_MS).unref();
    // Other instances may have these sessions cached for a few seconds: tell them now.
    if (deps.scaled) io.serverSideEmit('sessions-ended', sessionIds);
  };
  sessions.on('ended', onEnded);
  if (deps.scaled) io.on('sessions-ended', (sessionIds) => sessions.forget(sessionIds));
  const onUsersChanged = (userIds: string[]) => io.serverSideEmit('users-changed', userIds);
  if (deps.scaled) {
    sessions.on('users-changed', onUsersChanged);
    io.on('users-changed', (userIds) => sessions.forgetUsers(userIds));
  }

  // Idle and absolute timeouts are checked on every sweep. The sessions themselves are re-read
  // from the database at most once a minute here: every revocation the app makes reaches the
  // sockets at once (`ended` above, through the adapter when scaled), so this re-read only catches
  // changes made to the database by hand, and re-reading 10,000 sessions every 15 s kept FerretDB
  // busy. Every socket is checked at once and the re-reads run side by side as `_id` lookups
  // (createIdLoader); checked one after another, 10,000 sockets took longer than the interval and
  // sweeps piled up.
  async function sweep(): Promise<void> {
    await Promise.all(
      [...io.of('/').sockets.values()].map(async (socket) => {
        const { userId, sessionId } = socket.data;
        const result = await sessions.check(sessionId, userId, false, SWEEP_MAX_AGE_MS);
        if ('ended' in result) {
          socket.emit('session-ended', { reason: result.ended });
          socket.disconnect(true);
        }
      }),
    );
  }
  let sweeping: Promise<void> | undefined;
  const timer = setInterval(() => {
    sweeping ??= sweep()
      .catch(() => undefined)
      .finally(() => (sweeping = undefined));
  }, deps.sweepIntervalMs ?? 15_000);
  timer.unref();

  function announceOffline(userId: string, role: Role): void {
    presenceAudience(userId, role)
      .then((audience) => io.to(audience).emit('presence', { userId, online: false }))
      .catch((error: unknown) => logger.error({ err: error }, 'presence announcement failed'));
  }

  return {
    sweep,
    presenceAudience,
    announceOffline,
    close() {
      closing = true;
      clearInterval(timer);
      sessions.off('ended', onEnded);
      sessions.off('users-changed', onUsersChanged);
    },
  };
}
