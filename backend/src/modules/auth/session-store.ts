import { EventEmitter } from 'node:events';
import type { Role } from '@telehealth/shared';
import mongoose, { Types } from 'mongoose';
import { createIdLoader } from '../../lib/batch-loader.js';
import { createLatestWriter } from '../../lib/latest-writer.js';
import type { Clock } from '../../lib/clock.js';
import type { AuthIdentity } from '../../middleware/require-auth.js';
import { readUserStatus, type UserStatus } from '../users/index.js';
import { SessionModel, type SessionRecord } from './session.model.js';

/** Past this share of `cacheMs`, a cached entry that is used is reloaded in the background. */
const REFRESH_AHEAD = 0.6;
/** How stale the stored `lastSeenAt` may get while the session is in use. */
const PERSIST_LAST_SEEN_EVERY_MS = 5 * 60_000;
/** Revoked ids remembered: only reads already under way at a revocation need them, for seconds. */
const REMEMBERED_REVOCATIONS = 100_000;

export type { AuthIdentity, UserStatus };

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
  /**
   * How long a checked session is trusted without asking the database again. Every revocation the
   * app makes clears it at once, here and (through the adapter) on every instance, so this bounds
   * only what nothing announces: a change written to the database by hand, a lost message between
   * instances. It was 5 s; re-reading every sender's session that often was most of the
   * database's work on FerretDB (docs/performance.md).
   */
  cacheMs?: number;
  /**
   * How long an account's role and active flag are trusted (`userStatus`). Every change the app
   * makes goes through `forgetUser`, here and, through the adapter, on every instance, so this
   * only bounds how long a change written to the database by hand goes unnoticed.
   */
  userCacheMs?: number;
}

/**
 * Server-side sessions: the JWT only names a session; this store decides whether it is still good
 * (not revoked, not idle too long, not past its absolute end, its user still active).
 *
 * Every request and socket consults it, so it keeps a short in-process cache. Revocations made
 * here clear the cache at once and emit `ended` so the realtime layer disconnects the sockets.
 * Other instances are told too (`sessions-ended` and `users-changed` through the adapter) and their
 * sockets are disconnected through the adapter at once; `cacheMs` bounds only what nobody announces.
 */
export class SessionStore extends EventEmitter<{
  ended: [sessionIds: string[], reason: SessionEndReason];
  /** accounts whose role or active flag changed here (other instances drop their copies) */
  'users-changed': [userIds: string[]];
}> {
  private readonly cache = new Map<string, CachedSession>();
  private readonly cacheMs: number;
  private readonly userCacheMs: number;
  private readonly users = new Map<string, UserStatus & { checkedAt: number }>();
  private readonly refreshing = new Set<string>();
  /**
   * Sessions ended here or on another instance, oldest first. A check that read the row before a
   * revocation was written comes back after it with the old, valid row: without this it was cached
   * and the revoked session worked on until the cache aged out. Every answer is checked against it.
   */
  private readonly revoked = new Set<string>();
  private readonly lastSeenWrites = createLatestWriter<number>({
    // `$max`: never moves back, and FerretDB answers an `_id`-only filter from its index.
    write: async (sessionId, at) => {
      await SessionModel.updateOne({ _id: sessionId }, { $max: { lastSeenAt: new Date(at) } });
    },
    isLater: (candidate, current) => candidate > current,
    concurrency: 1,
    // A lost write only makes another instance think the session idle a minute sooner.
    onError: () => undefined,
  });
  // Sessions and accounts are read by `_id`, one query each, a bounded number at once: a thousand
  // sockets reconnecting at once (a deploy, a network blip) are a thousand index lookups, never a
  // thousand scans (createIdLoader, which says why not an `_id: {$in}`).
  private readonly sessionRows = createIdLoader<string, SessionRecord>(
    async (id) => (await SessionModel.findById(id).lean()) ?? undefined,
  );
  // Accounts through the users module's read layer (users/user-reads.ts), by `_id` as well.
  private readonly userRows = { load: readUserStatus };

  constructor(private readonly options: SessionStoreOptions) {
    super();
    this.cacheMs = options.cacheMs ?? 30_000;
    this.userCacheMs = options.userCacheMs ?? 600_000;
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
   * `touch` marks activity (extends the idle timeout, never the absolute one). `maxAgeMs` is how
   * old the cached copy may be: `cacheMs` for requests and events; the periodic sweep accepts
   * older (revocations made by the app reach every socket at once without it, see socket-server.ts).
   */
  async check(
    sessionId: string,
    userId: string,
    touch: boolean,
    maxAgeMs = this.cacheMs,
  ): Promise<AuthIdentity | { ended: SessionEndReason }> {
    const now = this.options.clock.now();
    if (this.revoked.has(sessionId)) return { ended: 'revoked' };
    let entry = this.cache.get(sessionId);
    if (!entry || now - entry.checkedAt > maxAgeMs) {
      entry = await this.load(sessionId, entry);
      // Revoked while it was being read: the row read may predate the revocation.
      if (!entry || this.revoked.has(sessionId)) return { ended: 'revoked' };
      this.cache.set(sessionId, entry);
    } else if (touch && now - entry.checkedAt > this.cacheMs * REFRESH_AHEAD) {
      this.refreshAhead(sessionId, entry);
    }
    if (entry.userId !== userId || entry.revoked) return { ended: 'revoked' };
    if (!entry.active) return { ended: 'deactivated' };
    if (now >= entry.expiresAt || now - entry.lastSeenAt >= this.options.idleMs) {
      await this.end([sessionId], 'expired');
      return { ended: 'expired' };
    }
    if (touch) {
      entry.lastSeenAt = now;
      // Nobody waits for it: the writes go out behind, one at a time (a thousand sockets
      // reconnecting at once would otherwise be a thousand concurrent updates). Five minutes'
      // precision is plenty for a 30-minute timeout (it was one minute: a write per active session
      // per minute was a steady load on FerretDB).
      if (now - entry.persistedSeenAt > PERSIST_LAST_SEEN_EVERY_MS) {
        entry.persistedSeenAt = now;
        this.lastSeenWrites.write(sessionId, now);
      }
    }
    return { userId: entry.userId, role: entry.role, sessionId };
  }

  /**
   * Reloads a session that is still trusted but soon will not be, without making anyone wait:
   * requests keep being answered from the cache (never past `cacheMs`) while the database is
   * asked, in a batch with every other session due. The answer is kept only if nothing ended or
   * forgot this session meanwhile (the cache still holds the very entry that was refreshed).
   */
  private refreshAhead(sessionId: string, entry: CachedSession): void {
    if (this.refreshing.has(sessionId)) return;
    this.refreshing.add(sessionId);
    this.load(sessionId, entry)
      .then((fresh) => {
        if (this.cache.get(sessionId) !== entry || this.revoked.has(sessionId)) return;
        if (!fresh) return void this.cache.delete(sessionId);
        // Activity seen while the database was being read counts too.
        fresh.lastSeenAt = Math.max(fresh.lastSeenAt, entry.lastSeenAt);
        fresh.persistedSeenAt = Math.max(fresh.persistedSeenAt, entry.persistedSeenAt);
        this.cache.set(sessionId, fresh);
      })
      .catch(() => undefined)
      .finally(() => this.refreshing.delete(sessionId));
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

  /**
   * An account's role and active flag (the messaging policy asks this for every message), trusted
   * for `userCacheMs`. Changes made through `forgetUser` are seen at once.
   */
  async userStatus(userId: string): Promise<UserStatus | undefined> {
    const now = this.options.clock.now();
    const cached = this.users.get(userId);
    if (cached && now - cached.checkedAt <= this.userCacheMs) {
      if (now - cached.checkedAt > this.userCacheMs * REFRESH_AHEAD && !this.refreshing.has(`user:${userId}`)) {
        // As for sessions: reloaded before it is due, kept only if the user was not forgotten meanwhile.
        this.refreshing.add(`user:${userId}`);
        this.userRows
          .load(userId)
          .then((status) => {
            if (this.users.get(userId) !== cached) return;
            if (status) this.remember(userId, status);
            else this.users.delete(userId);
          })
          .catch(() => undefined)
          .finally(() => this.refreshing.delete(`user:${userId}`));
      }
      return { role: cached.role, active: cached.active };
    }
    if (!Types.ObjectId.isValid(userId)) return undefined;
    const status = await this.userRows.load(userId);
    if (!status) return undefined;
    this.remember(userId, status);
    return status;
  }

  /** Drops cached knowledge of a user's sessions (their role or active flag changed). */
  forgetUser(userId: string): void {
    this.forgetUsers([userId]);
    this.emit('users-changed', [userId]);
  }

  /** Another instance changed these accounts: stop trusting what this one cached about them. */
  forgetUsers(userIds: string[]): void {
    const changed = new Set(userIds);
    for (const userId of changed) this.users.delete(userId);
    for (const [sessionId, entry] of this.cache) if (changed.has(entry.userId)) this.cache.delete(sessionId);
  }

  private remember(userId: string, status: UserStatus): void {
    // A bound on memory: at worst everyone is read again once.
    if (this.users.size >= 100_000) this.users.clear();
    this.users.set(userId, { ...status, checkedAt: this.options.clock.now() });
  }

  /** Another instance ended these sessions: stop trusting what this one cached about them. */
  forget(sessionIds: string[]): void {
    this.rememberRevoked(sessionIds);
  }

  /**
   * Remembered before the write, so from then on no check here says yes, whatever it read; `ended`
   * after it, so the sockets disconnected include those whose handshake completed meanwhile.
   */
  private async end(sessionIds: string[], reason: SessionEndReason): Promise<void> {
    if (sessionIds.length === 0) return;
    this.rememberRevoked(sessionIds);
    await SessionModel.updateMany(
      { _id: mongoose.trusted({ $in: sessionIds.map((id) => new Types.ObjectId(id)) }), revokedAt: null },
      { $set: { revokedAt: new Date(this.options.clock.now()) } },
    );
    this.emit('ended', sessionIds, reason);
  }

  private rememberRevoked(sessionIds: string[]): void {
    for (const id of sessionIds) {
      this.cache.delete(id);
      this.revoked.add(id);
    }
    // A Set iterates in insertion order: the first id is the oldest revocation.
    while (this.revoked.size > REMEMBERED_REVOCATIONS) this.revoked.delete(this.revoked.values().next().value!);
  }

  private async load(sessionId: string, previous: CachedSession | undefined): Promise<CachedSession | undefined> {
    if (!Types.ObjectId.isValid(sessionId)) return undefined;
    const session = await this.sessionRows.load(sessionId);
    if (!session) return undefined;
    const user = await this.userRows.load(session.userId.toString());
    if (!user) return undefined;
    this.remember(session.userId.toString(), user);
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
