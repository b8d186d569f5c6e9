import type { Logger } from '../../lib/logger.js';
import { readPublicUsers as readUsers, type PublicUserRecord } from '../users/index.js';
import type { ConsultationRecord } from './consultation.model.js';
import { RECENT_CONSULTATIONS_FOR_ESTIMATE } from './queue-order.js';
import {
  build,
  completionOf,
  fingerprint,
  readLine,
  usersOf,
  type LineState,
  type WaitingLineSnapshot,
} from './waiting-line-state.js';

/*
 * Why the line is held in memory: on FerretDB (SQLite) no query uses an index except an `_id`
 * equality, so reading the waiting consultations, the recent completions and the waiting patients'
 * users is three scans of whole collections, and re-read on every change a long line heard its new
 * places seconds after an accept (the figures are in docs/performance.md). Now the line is
 * read once and every change this instance makes is applied from the record its conditional write
 * returned; changes made on another instance arrive as an id and are re-read by `_id`. What nobody
 * announces (a row written by hand, a lost Redis message, a patient's new name or avatar) is healed
 * by re-reading everything in the background (`reloadIntervalMs`), so queue views may show a
 * profile change that much late. Since issue 17 the users are one `_id: {$in}` read (an index read
 * with the third FerretDB patch), but the waiting consultations are found by status, still a scan,
 * so the line stays in memory.
 */

export type { PublicUserRecord };
export type { LineEntry, WaitingLineSnapshot } from './waiting-line-state.js';

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

/**
 * The waiting line, held in memory by each instance. Loaded lazily (concurrent first uses share
 * one read), kept up to date by `apply`, and re-read in the background every `reloadIntervalMs`.
 * (A class for its state: what is held, what left, and the reads under way.)
 */
class WaitingLineState {
  private state: LineState | null = null;
  private snapshotCache: WaitingLineSnapshot | null = null;
  /** consultations that left the line, and when: a re-read older than that cannot put them back */
  private readonly gone = new Map<string, number>();
  // While the whole line is being read, what changes meanwhile is kept and applied on top of the
  // read, which may have started before those changes were written.
  private duringRead: { records: ConsultationRecord[]; users: Map<string, PublicUserRecord> } | null = null;
  private reading: Promise<boolean> | null = null;
  private queuedRead: Promise<boolean> | null = null;
  private readonly fetching = new Map<string, Promise<void>>();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly options: WaitingLineOptions) {
    this.timer = setInterval(() => this.reloadInBackground(), options.reloadIntervalMs ?? RELOAD_INTERVAL_MS);
    this.timer.unref();
  }

  /**
   * A consultation's state as a write returned it (or a re-read by `_id`): a waiting one takes
   * or keeps its place, any other status leaves the line, a completed one joins the estimate.
   */
  apply(record: ConsultationRecord): void {
    this.duringRead?.records.push(record);
    // Before the first read there is nothing to update: that read will see the change.
    if (!this.state) return;
    this.applyTo(this.state, record);
    this.snapshotCache = null;
  }

  /** A consultation that no longer exists (deleted by hand) leaves the line. */
  forget(consultationId: string): void {
    if (!this.state?.waiting.delete(consultationId)) return;
    this.snapshotCache = null;
  }

  /** Re-reads a user the line shows (a doctor's availability changed). */
  async refreshUser(userId: string): Promise<void> {
    if (!this.state?.users.has(userId) && !this.duringRead) return;
    const [user] = (await readUsers([userId])).values();
    if (!user) return;
    this.duringRead?.users.set(userId, user);
    this.state?.users.set(userId, user);
    this.snapshotCache = null;
  }

  /** The line now, read from the database on first use. */
  async snapshot(): Promise<WaitingLineSnapshot> {
    for (;;) {
      if (!this.state) await (this.reading ?? this.reload());
      const current = this.state!;
      await this.ensureUsers(current);
      // A whole read replaced the line meanwhile: take the users it lacks for that one.
      if (this.state !== current) continue;
      return (this.snapshotCache ??= build(current));
    }
  }

  /**
   * Re-reads the whole line from the database, after any read already under way (which may have
   * started before what the caller wants to see). Answers whether the line changed.
   */
  reload(): Promise<boolean> {
    if (!this.reading) {
      this.reading = this.read().finally(() => (this.reading = null));
      return this.reading;
    }
    this.queuedRead ??= this.reading
      .catch(() => false)
      .then(() => {
        this.queuedRead = null;
        return this.reload();
      });
    return this.queuedRead;
  }

  close(): void {
    clearInterval(this.timer);
  }

  private reloadInBackground(): void {
    // A line nobody has asked for yet is read fresh when first asked; one being read is current.
    if (!this.state || this.reading) return;
    this.reload()
      .then((changed) => {
        if (changed) this.options.onReloadChanged?.();
      })
      .catch((error: unknown) => this.options.logger.warn({ err: error }, 'waiting line reload failed'));
  }

  private applyTo(target: LineState, record: ConsultationRecord): void {
    const id = record._id.toString();
    if (record.status === 'waiting') {
      // Only a re-read older than the change that closed it can say so: ignore it.
      if (this.gone.has(id)) return;
      target.waiting.set(id, record);
      return;
    }
    this.gone.set(id, Date.now());
    target.waiting.delete(id);
    const completion = record.status === 'completed' ? completionOf(record) : null;
    if (completion && !target.recent.some((known) => known.id === id)) {
      target.recent = [...target.recent, completion]
        .sort((a, b) => b.completedAt - a.completedAt)
        .slice(0, RECENT_CONSULTATIONS_FOR_ESTIMATE);
    }
  }

  /** Reads the whole line and puts it in place; answers whether it differs from what was held. */
  private async read(): Promise<boolean> {
    const meanwhile = { records: [] as ConsultationRecord[], users: new Map<string, PublicUserRecord>() };
    this.duringRead = meanwhile;
    try {
      const fresh = await readLine();
      for (const record of meanwhile.records) this.applyTo(fresh, record);
      for (const [id, user] of meanwhile.users) fresh.users.set(id, user);
      // Entries applied during the read show users this read did not fetch: keep those already held.
      for (const id of [...fresh.waiting.values()].flatMap(usersOf)) {
        const known = this.state?.users.get(id);
        if (known && !fresh.users.has(id)) fresh.users.set(id, known);
      }
      const changed = this.state === null || fingerprint(this.state) !== fingerprint(fresh);
      this.state = fresh;
      this.snapshotCache = null;
      const forgetBefore = Date.now() - GONE_REMEMBERED_MS;
      for (const [id, at] of this.gone) if (at < forgetBefore) this.gone.delete(id);
      return changed;
    } finally {
      this.duringRead = null;
    }
  }

  /**
   * Reads the users the line shows that it does not hold yet (entries added since the last read),
   * including those of entries added while reading; a user who does not exist is tried once.
   */
  private async ensureUsers(current: LineState): Promise<void> {
    const tried = new Set<string>();
    for (;;) {
      const missing = [...new Set([...current.waiting.values()].flatMap(usersOf))].filter(
        (id) => !current.users.has(id) && !tried.has(id),
      );
      if (missing.length === 0) return;
      const unfetched = missing.filter((id) => !this.fetching.has(id));
      if (unfetched.length > 0) {
        const fetch = readUsers(unfetched)
          .then((found) => {
            for (const [id, user] of found) {
              current.users.set(id, user);
              this.state?.users.set(id, user);
            }
          })
          .finally(() => {
            for (const id of unfetched) this.fetching.delete(id);
          });
        for (const id of unfetched) this.fetching.set(id, fetch);
      }
      await Promise.all(missing.flatMap((id) => this.fetching.get(id) ?? []));
      for (const id of missing) tried.add(id);
    }
  }
}

export type WaitingLine = Pick<WaitingLineState, 'apply' | 'forget' | 'refreshUser' | 'snapshot' | 'reload' | 'close'>;

export function createWaitingLine(options: WaitingLineOptions): WaitingLine {
  return new WaitingLineState(options);
}
