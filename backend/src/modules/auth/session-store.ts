import { EventEmitter } from 'node:events';
import type { Role } from '@telehealth/shared';
import mongoose, { Types } from 'mongoose';
import type { Clock } from '../../lib/clock.js';
import { UserModel } from '../users/user.model.js';
import { SessionModel } from './session.model.js';

export interface AuthIdentity {
  userId: string;
  role: Role;
  sessionId: string;
}

export type SessionEndReason = 'revoked' | 'expired' | 'deactivated';

interface CachedSession {
  userId: string;
  role: Role;
  active: boolean;
  revoked: boolean;
  expiresAt: number;
  lastSeenAt: number;
  /** when lastSeenAt was last written to the database */
  persistedSeenAt: number;
  checkedAt: number;
}

export interface SessionStoreOptions {
  clock: Clock;
  idleMs: number;
  maxMs: number;
  /** how long a checked session is trusted without asking the database again */
  cacheMs?: number;
}

/**
 * Server-side sessions: the JWT only names a session; this store decides whether it is still good
 * (not revoked, not idle too long, not past its absolute end, its user still active).
 *
 * Every request and socket consults it, so it keeps a short in-process cache. Revocations made
 * here clear the cache at once and emit `ended` so the realtime layer disconnects the sockets.
 * Another instance sees a revocation within `cacheMs` (and its sockets are disconnected through
 * the Socket.IO adapter immediately).
 */
export class SessionStore extends EventEmitter<{ ended: [sessionIds: string[], reason: SessionEndReason] }> {
  private readonly cache = new Map<string, CachedSession>();
  private readonly cacheMs: number;

  constructor(private readonly options: SessionStoreOptions) {
    super();
    this.cacheMs = options.cacheMs ?? 5_000;
  }

  async create(userId: string): Promise<{ sessionId: string; expiresAt: number }> {
    const now = this.options.clock.now();
    const session = await SessionModel.create({
      userId: new Types.ObjectId(userId),
      createdAt: new Date(now),
      lastSeenAt: new Date(now),
      expiresAt: new Date(now + this.options.maxMs),
      revokedAt: null,
    });
    return { sessionId: session._id.toString(), expiresAt: now + this.options.maxMs };
  }

  /**
   * The identity behind a session id, or the reason it is no longer good.
   * `touch` marks activity (extends the idle timeout, never the absolute one).
   */
  async check(sessionId: string, userId: string, touch: boolean): Promise<AuthIdentity | { ended: SessionEndReason }> {
    const now = this.options.clock.now();
    let entry = this.cache.get(sessionId);
    if (!entry || now - entry.checkedAt > this.cacheMs) {
      entry = await this.load(sessionId, entry);
      if (!entry) return { ended: 'revoked' };
      this.cache.set(sessionId, entry);
    }
    if (entry.userId !== userId || entry.revoked) return { ended: 'revoked' };
    if (!entry.active) return { ended: 'deactivated' };
    if (now >= entry.expiresAt || now - entry.lastSeenAt >= this.options.idleMs) {
      await this.end([sessionId], 'expired');
      return { ended: 'expired' };
    }
    if (touch) {
      entry.lastSeenAt = now;
      // Writing on every request would cost a write per request; a minute's precision is plenty for a 30-minute timeout.
      if (now - entry.persistedSeenAt > 60_000) {
        entry.persistedSeenAt = now;
        await SessionModel.updateOne({ _id: sessionId }, { $set: { lastSeenAt: new Date(now) } });
      }
    }
    return { userId: entry.userId, role: entry.role, sessionId };
  }

  async revoke(sessionId: string): Promise<void> {
    await this.end([sessionId], 'revoked');
  }

  /** Ends every session of a user (but `exceptSessionId`): password change, reset, deactivation. */
  async revokeAllForUser(userId: string, reason: SessionEndReason, exceptSessionId?: string): Promise<void> {
    const sessions = await SessionModel.find({ userId: new Types.ObjectId(userId), revokedAt: null }, { _id: 1 }).lean();
    const ids = sessions.map((session) => session._id.toString()).filter((id) => id !== exceptSessionId);
    await this.end(ids, reason);
  }

  /** Drops cached knowledge of a user's sessions (their role or active flag changed). */
  forgetUser(userId: string): void {
    for (const [sessionId, entry] of this.cache) if (entry.userId === userId) this.cache.delete(sessionId);
  }

  /** Another instance ended these sessions: stop trusting what this one cached about them. */
  forget(sessionIds: string[]): void {
    for (const id of sessionIds) this.cache.delete(id);
  }

  private async end(sessionIds: string[], reason: SessionEndReason): Promise<void> {
    if (sessionIds.length === 0) return;
    for (const id of sessionIds) this.cache.delete(id);
    await SessionModel.updateMany(
      { _id: mongoose.trusted({ $in: sessionIds.map((id) => new Types.ObjectId(id)) }), revokedAt: null },
      { $set: { revokedAt: new Date(this.options.clock.now()) } },
    );
    this.emit('ended', sessionIds, reason);
  }

  private async load(sessionId: string, previous: CachedSession | undefined): Promise<CachedSession | undefined> {
    if (!Types.ObjectId.isValid(sessionId)) return undefined;
    const session = await SessionModel.findById(sessionId).lean();
    if (!session) return undefined;
    const user = await UserModel.findById(session.userId, { role: 1, active: 1 }).lean();
    if (!user) return undefined;
    const persistedSeenAt = session.lastSeenAt.getTime();
    return {
      userId: session.userId.toString(),
      role: user.role,
      active: user.active,
      revoked: session.revokedAt !== null,
      expiresAt: session.expiresAt.getTime(),
      lastSeenAt: Math.max(persistedSeenAt, previous?.lastSeenAt ?? 0),
      persistedSeenAt: Math.max(persistedSeenAt, previous?.persistedSeenAt ?? 0),
      checkedAt: this.options.clock.now(),
    };
  }
}
