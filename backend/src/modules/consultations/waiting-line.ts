import mongoose from 'mongoose';
import { createIdLoader } from '../../lib/batch-loader.js';
import type { Logger } from '../../lib/logger.js';
import { PUBLIC_USER_FIELDS, UserModel, type UserRecord } from '../users/user.model.js';
import { ConsultationModel, type ConsultationRecord } from './consultation.model.js';
import { compareQueueOrder, median, positionsOf, RECENT_CONSULTATIONS_FOR_ESTIMATE, type QueueEntry } from './queue-order.js';

/*
 * Why the line is held in memory: on FerretDB (SQLite) no query uses an index except an `_id`
 * equality, so reading the waiting consultations, the recent completions and the waiting patients'
 * users is three scans of whole collections (0.6 to 1.5 s each at 10,000 rows). Re-read on every
 * change, 500 patients waiting heard their new place about 4 s after an accept. Now the line is
 * read once and every change this instance makes is applied from the record its conditional write
 * returned; changes made on another instance arrive as an id and are re-read by `_id`. What nobody
 * announces (a row written by hand, a lost Redis message, a patient's new name or avatar) is healed
 * by re-reading everything in the background once a minute, so queue views may show a profile
 * change up to a minute late.
 */

/** A user as the queue shows them (never the password hash). */
export type PublicUserRecord = Omit<UserRecord, 'passwordHash'>;

/** A waiting consultation in the line, with what the ordering rules read from it. */
export interface LineEntry extends QueueEntry {
  record: ConsultationRecord;
}

/** The waiting line at one moment: what positions, estimates and the queue views are made from. */
export interface WaitingLineSnapshot {
  /** every waiting consultation, in queue order */
  ordered: readonly LineEntry[];
  positions: ReadonlyMap<string, number>;
  medianLengthSeconds: number | null;
  /** the patients and the requested doctors of the waiting consultations, by id */
  users: ReadonlyMap<string, PublicUserRecord>;
  /** the waiting patients' ids (presence asks on every connection) */
  patients: ReadonlySet<string>;
}

export interface WaitingLineOptions {
  logger: Logger;
  /** how often the whole line is re-read to heal what nobody announced (default one minute) */
  reloadIntervalMs?: number;
  /** called when a background re-read found the line different from what it held */
  onReloadChanged?: () => void;
}

const RELOAD_INTERVAL_MS = 60_000;
/**
 * How long a consultation that left the line is remembered, so that a re-read which started
 * before it left (another instance's announcement, read by `_id`) cannot put it back. A
 * consultation never returns to waiting, and no read takes anywhere near this long.
 */
const GONE_REMEMBERED_MS = 10 * 60_000;

interface Completion {
  id: string;
  completedAt: number;
  lengthSeconds: number;
}

interface LineState {
  waiting: Map<string, ConsultationRecord>;
  /** the most recent completions, newest first, at most RECENT_CONSULTATIONS_FOR_ESTIMATE */
  recent: Completion[];
  users: Map<string, PublicUserRecord>;
}

// Users by `_id`, one index lookup each (createIdLoader): a second query rather than `$lookup`,
// which FerretDB does not have, and never an `$in`, which it answers by scanning every user.
const publicUsers = createIdLoader<string, PublicUserRecord>(
  async (id) => (await UserModel.findById(id, PUBLIC_USER_FIELDS).lean<PublicUserRecord>()) ?? undefined,
);

/** Users by id (those that exist). */
export async function readUsers(ids: Iterable<string>): Promise<Map<string, PublicUserRecord>> {
  const wanted = [...new Set(ids)];
  const users = await Promise.all(wanted.map((id) => publicUsers.load(id)));
  return new Map(users.flatMap((user) => (user ? [[user._id.toString(), user] as const] : [])));
}

function completionOf(record: Pick<ConsultationRecord, '_id' | 'acceptedAt' | 'completedAt'>): Completion | null {
  const { acceptedAt, completedAt } = record;
  if (!acceptedAt || !completedAt) return null;
  return {
    id: record._id.toString(),
    completedAt: completedAt.getTime(),
    lengthSeconds: (completedAt.getTime() - acceptedAt.getTime()) / 1000,
  };
}

/** The users a waiting consultation shows: its patient and the doctor it asks for. */
function usersOf(record: ConsultationRecord): string[] {
  return [record.patientId.toString(), ...(record.requestedDoctorId ? [record.requestedDoctorId.toString()] : [])];
}

/** Everything that can change what the line shows, as one string to compare two reads by. */
function fingerprint(state: LineState): string {
  const waiting = [...state.waiting.values()].sort((a, b) => (a._id.toString() < b._id.toString() ? -1 : 1));
  const users = [...new Set(waiting.flatMap(usersOf))].sort().map((id) => state.users.get(id) ?? null);
  return JSON.stringify([waiting, state.recent, users]);
}

/**
 * The waiting line, held in memory by each instance. Loaded lazily (concurrent first uses share
 * one read), kept up to date by `apply`, and re-read in the background every minute.
 */
export function createWaitingLine(options: WaitingLineOptions) {
  const { logger } = options;
  let state: LineState | null = null;
  let snapshotCache: WaitingLineSnapshot | null = null;
  const gone = new Map<string, number>();
  // While the whole line is being read, what changes meanwhile is kept and applied on top of the
  // read, which may have started before those changes were written.
  let duringRead: { records: ConsultationRecord[]; users: Map<string, PublicUserRecord> } | null = null;
  let reading: Promise<boolean> | null = null;
  let queuedRead: Promise<boolean> | null = null;
  const fetching = new Map<string, Promise<void>>();

  function applyTo(target: LineState, record: ConsultationRecord): void {
    const id = record._id.toString();
    if (record.status === 'waiting') {
      // Only a re-read older than the change that closed it can say so: ignore it.
      if (gone.has(id)) return;
      target.waiting.set(id, record);
      return;
    }
    gone.set(id, Date.now());
    target.waiting.delete(id);
    const completion = record.status === 'completed' ? completionOf(record) : null;
    if (completion && !target.recent.some((known) => known.id === id)) {
      target.recent = [...target.recent, completion]
        .sort((a, b) => b.completedAt - a.completedAt)
        .slice(0, RECENT_CONSULTATIONS_FOR_ESTIMATE);
    }
  }

  async function readLine(): Promise<LineState> {
    const [waiting, recent] = await Promise.all([
      ConsultationModel.find({ status: 'waiting' }).lean(),
      ConsultationModel.find(
        { status: 'completed', acceptedAt: mongoose.trusted({ $ne: null }) },
        { acceptedAt: 1, completedAt: 1 },
      )
        .sort({ completedAt: -1 })
        .limit(RECENT_CONSULTATIONS_FOR_ESTIMATE)
        .lean(),
    ]);
    return {
      waiting: new Map(waiting.map((record) => [record._id.toString(), record])),
      recent: recent.flatMap((record) => completionOf(record) ?? []),
      users: await readUsers(waiting.flatMap(usersOf)),
    };
  }

  /** Reads the whole line and puts it in place; answers whether it differs from what was held. */
  async function read(): Promise<boolean> {
    const meanwhile = { records: [] as ConsultationRecord[], users: new Map<string, PublicUserRecord>() };
    duringRead = meanwhile;
    try {
      const fresh = await readLine();
      for (const record of meanwhile.records) applyTo(fresh, record);
      for (const [id, user] of meanwhile.users) fresh.users.set(id, user);
      // Entries applied during the read show users this read did not fetch: keep those already held.
      for (const id of [...fresh.waiting.values()].flatMap(usersOf)) {
        const known = state?.users.get(id);
        if (known && !fresh.users.has(id)) fresh.users.set(id, known);
      }
      const changed = state === null || fingerprint(state) !== fingerprint(fresh);
      state = fresh;
      snapshotCache = null;
      const forgetBefore = Date.now() - GONE_REMEMBERED_MS;
      for (const [id, at] of gone) if (at < forgetBefore) gone.delete(id);
      return changed;
    } finally {
      duringRead = null;
    }
  }

  /**
   * Re-reads the whole line from the database, after any read already under way (which may have
   * started before what the caller wants to see). Answers whether the line changed.
   */
  function reload(): Promise<boolean> {
    if (!reading) {
      reading = read().finally(() => (reading = null));
      return reading;
    }
    queuedRead ??= reading
      .catch(() => false)
      .then(() => {
        queuedRead = null;
        return reload();
      });
    return queuedRead;
  }

  /**
   * Reads the users the line shows that it does not hold yet (entries added since the last read),
   * including those of entries added while reading; a user who does not exist is tried once.
   */
  async function ensureUsers(current: LineState): Promise<void> {
    const tried = new Set<string>();
    for (;;) {
      const missing = [...new Set([...current.waiting.values()].flatMap(usersOf))].filter(
        (id) => !current.users.has(id) && !tried.has(id),
      );
      if (missing.length === 0) return;
      const unfetched = missing.filter((id) => !fetching.has(id));
      if (unfetched.length > 0) {
        const fetch = readUsers(unfetched)
          .then((found) => {
            for (const [id, user] of found) {
              current.users.set(id, user);
              state?.users.set(id, user);
            }
          })
          .finally(() => {
            for (const id of unfetched) fetching.delete(id);
          });
        for (const id of unfetched) fetching.set(id, fetch);
      }
      await Promise.all(missing.flatMap((id) => fetching.get(id) ?? []));
      for (const id of missing) tried.add(id);
    }
  }

  function build(current: LineState): WaitingLineSnapshot {
    const ordered: LineEntry[] = [...current.waiting.values()]
      .map((record) => ({
        record,
        id: record._id.toString(),
        urgencyRank: record.urgencyRank,
        createdAt: record.createdAt,
        requestedDoctorId: record.requestedDoctorId?.toString() ?? null,
      }))
      .sort(compareQueueOrder);
    return {
      ordered,
      positions: positionsOf(ordered),
      medianLengthSeconds: median(current.recent.map((completion) => completion.lengthSeconds)),
      users: current.users,
      patients: new Set(ordered.map(({ record }) => record.patientId.toString())),
    };
  }

  const timer = setInterval(() => {
    // A line nobody has asked for yet is read fresh when first asked; one being read is current.
    if (!state || reading) return;
    reload()
      .then((changed) => {
        if (changed) options.onReloadChanged?.();
      })
      .catch((error: unknown) => logger.warn({ err: error }, 'waiting line reload failed'));
  }, options.reloadIntervalMs ?? RELOAD_INTERVAL_MS);
  timer.unref();

  return {
    /**
     * A consultation's state as a write returned it (or a re-read by `_id`): a waiting one takes
     * or keeps its place, any other status leaves the line, a completed one joins the estimate.
     */
    apply(record: ConsultationRecord): void {
      duringRead?.records.push(record);
      // Before the first read there is nothing to update: that read will see the change.
      if (!state) return;
      applyTo(state, record);
      snapshotCache = null;
    },

    /** A consultation that no longer exists (deleted by hand) leaves the line. */
    forget(consultationId: string): void {
      if (!state?.waiting.delete(consultationId)) return;
      snapshotCache = null;
    },

    /** Re-reads a user the line shows (a doctor's availability changed). */
    async refreshUser(userId: string): Promise<void> {
      if (!state?.users.has(userId) && !duringRead) return;
      const [user] = (await readUsers([userId])).values();
      if (!user) return;
      duringRead?.users.set(userId, user);
      state?.users.set(userId, user);
      snapshotCache = null;
    },

    /** The line now, read from the database on first use. */
    async snapshot(): Promise<WaitingLineSnapshot> {
      for (;;) {
        if (!state) await (reading ?? reload());
        const current = state!;
        await ensureUsers(current);
        // A whole read replaced the line meanwhile: take the users it lacks for that one.
        if (state !== current) continue;
        return (snapshotCache ??= build(current));
      }
    },

    reload,

    close(): void {
      clearInterval(timer);
    },
  };
}

export type WaitingLine = ReturnType<typeof createWaitingLine>;
