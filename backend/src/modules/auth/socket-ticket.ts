import { createHmac, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { Clock } from '../../lib/clock.js';

/**
 * Socket tickets: how a socket proves whose it is when it cannot carry the session cookie.
 *
 * In the split deployment the page's origin proxies `/api/*` to the API, so the session cookie is
 * first-party there; Socket.IO cannot go through that proxy and connects to the API's own origin,
 * where the cookie is a third-party cookie that Safari, Firefox strict and Chrome's phase-out never
 * send. So the page asks for a ticket over the first-party API and hands it to the handshake.
 *
 * A ticket is a JWT signed with a key derived from JWT_SECRET for this one purpose (so a ticket is
 * never accepted as a session token, nor the other way round), naming the session and user, valid
 * for TICKET_TTL_MS, and claimed once in a ledger (memory, or Redis when scaled out, so a ticket
 * used on one instance is refused on every other). Redeeming checks only the ticket; the caller
 * then checks the session itself, so a revoked session's unused ticket opens nothing.
 */
export const TICKET_TTL_MS = 30_000;

const AUDIENCE = 'careline-socket';

export interface TicketIdentity {
  userId: string;
  sessionId: string;
}

/** Remembers which tickets were used, for as long as they could still be valid. */
export interface TicketLedger {
  /** true the first time an id is claimed, false ever after (until `ttlMs` has passed) */
  claim(ticketId: string, ttlMs: number): Promise<boolean>;
}

/** One instance's ledger: a map of used ids, each dropped once its ticket has expired anyway. */
export function memoryTicketLedger(clock: Clock): TicketLedger {
  const used = new Map<string, number>();
  return {
    claim(ticketId, ttlMs) {
      const now = clock.now();
      for (const [id, until] of used) if (until <= now) used.delete(id);
      if (used.has(ticketId)) return Promise.resolve(false);
      used.set(ticketId, now + ttlMs);
      return Promise.resolve(true);
    },
  };
}

/** The ledger every instance shares: `SET NX` succeeds for exactly one claimer. */
export function redisTicketLedger(redis: { sendCommand(args: string[]): Promise<unknown> }): TicketLedger {
  return {
    async claim(ticketId, ttlMs) {
      return (await redis.sendCommand(['SET', `socket-ticket:${ticketId}`, '1', 'NX', 'PX', String(ttlMs)])) === 'OK';
    },
  };
}

export interface SocketTickets {
  issue(identity: TicketIdentity): { ticket: string; expiresInSeconds: number };
  /** The identity a ticket names, or null when it is forged, expired, malformed or used before. */
  redeem(ticket: unknown): Promise<TicketIdentity | null>;
}

export function createSocketTickets(deps: { jwtSecret: string; clock: Clock; ledger: TicketLedger }): SocketTickets {
  const key: KeyObject = createSecretKey(createHmac('sha256', deps.jwtSecret).update('socket-ticket').digest());
  const seconds = () => Math.floor(deps.clock.now() / 1000);

  return {
    issue({ userId, sessionId }) {
      const issuedAt = seconds();
      const payload = {
        usr: userId,
        ses: sessionId,
        jti: randomBytes(16).toString('base64url'),
        iat: issuedAt,
        exp: issuedAt + TICKET_TTL_MS / 1000,
      };
      return {
        ticket: jwt.sign(payload, key, { algorithm: 'HS256', audience: AUDIENCE }),
        expiresInSeconds: TICKET_TTL_MS / 1000,
      };
    },
    async redeem(ticket) {
      if (typeof ticket !== 'string' || ticket.length > 1024) return null;
      let payload: string | jwt.JwtPayload;
      try {
        payload = jwt.verify(ticket, key, { algorithms: ['HS256'], audience: AUDIENCE, clockTimestamp: seconds() });
      } catch {
        return null;
      }
      if (
        typeof payload !== 'object' ||
        typeof payload['usr'] !== 'string' ||
        typeof payload['ses'] !== 'string' ||
        typeof payload.jti !== 'string'
      )
        return null;
      if (!(await deps.ledger.claim(payload.jti, TICKET_TTL_MS))) return null;
      return { userId: payload['usr'], sessionId: payload['ses'] };
    },
  };
}
