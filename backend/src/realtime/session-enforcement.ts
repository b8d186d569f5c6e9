import type { Logger } from '../lib/logger.js';
import type { SessionEndReason, SessionStore } from '../modules/auth/index.js';
import { rooms, type RealtimeServer, type RealtimeSocket } from './types.js';

/** How old a cached session may be when the sweep checks it. */
const SWEEP_MAX_AGE_MS = 60_000;
/** When sockets of an ended session are disconnected a second time (see `disconnectEnded`). */
const LATE_HANDSHAKE_MS = 300;

export interface SessionEnforcementDeps {
  logger: Logger;
  sessions: SessionStore;
  /** how often connected sockets' sessions are re-checked for idle and absolute timeouts */
  sweepIntervalMs?: number | undefined;
  /** several instances share events through an adapter (Redis) */
  scaled?: boolean | undefined;
}

/** Tells a socket its session ended, and closes it. */
function endSocket(socket: RealtimeSocket, reason: SessionEndReason): void {
  socket.emit('session-ended', { reason });
  socket.disconnect(true);
}

/**
 * A socket lives only as long as its session: every event it sends is checked (and counts as
 * activity), sessions the app ends disconnect their sockets at once, on every instance, and a
 * periodic sweep catches idle and absolute timeouts.
 */
export function createSessionEnforcement(io: RealtimeServer, deps: SessionEnforcementDeps) {
  const { sessions, logger } = deps;

  const disconnectEnded = (sessionIds: string[], reason: SessionEndReason) => {
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
  sessions.on('ended', disconnectEnded);
  if (deps.scaled) io.on('sessions-ended', (sessionIds) => sessions.forget(sessionIds));
  const onUsersChanged = (userIds: string[]) => io.serverSideEmit('users-changed', userIds);
  if (deps.scaled) {
    sessions.on('users-changed', onUsersChanged);
    io.on('users-changed', (userIds) => sessions.forgetUsers(userIds));
  }

  // Idle and absolute timeouts are checked on every sweep. The sessions themselves are re-read
  // from the database at most every SWEEP_MAX_AGE_MS here: every revocation the app makes reaches
  // the sockets at once (`disconnectEnded`, through the adapter when scaled), so this re-read only
  // catches changes made to the database by hand, and re-reading every session on every sweep kept
  // FerretDB busy. Every socket is checked at once and the re-reads run side by side as `_id`
  // lookups (createIdLoader); checked one after another, a crowd of sockets took longer than the
  // interval and sweeps piled up (docs/performance.md).
  async function sweep(): Promise<void> {
    await Promise.all(
      [...io.of('/').sockets.values()].map(async (socket) => {
        const { userId, sessionId } = socket.data;
        const result = await sessions.check(sessionId, userId, false, SWEEP_MAX_AGE_MS);
        if ('ended' in result) endSocket(socket, result.ended);
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

  return {
    sweep,

    /** Any event the user sends is activity; an ended session disconnects on its next event. */
    guard(socket: RealtimeSocket): void {
      const { userId, sessionId } = socket.data;
      socket.use(([event], next) => {
        sessions.check(sessionId, userId, true).then(
          (result) => {
            if ('ended' in result) return endSocket(socket, result.ended);
            next();
          },
          (error: unknown) => {
            logger.warn({ err: error, event }, 'session check failed');
            next(new Error('UNAVAILABLE'));
          },
        );
      });
    },

    close(): void {
      clearInterval(timer);
      sessions.off('ended', disconnectEnded);
      sessions.off('users-changed', onUsersChanged);
    },
  };
}
