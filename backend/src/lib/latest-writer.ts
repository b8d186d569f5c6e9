export interface LatestWriterOptions<V> {
  write: (key: string, value: V) => Promise<void>;
  /** whether `candidate` is further on than `current` (the later one is kept) */
  isLater: (candidate: V, current: V) => boolean;
  concurrency: number;
  /**
   * At least this long between the end of one background write and the start of the next: the
   * writer takes a bounded share of the database, and the longer a row waits, the more of its
   * messages one write carries. `flush` does not wait.
   */
  pauseMs?: number;
  onError: (error: unknown, key: string) => void;
}

/**
 * Writes "the latest state" of keyed rows (a conversation's last message) in the background, a
 * few at a time, merging whatever arrives for a key while its previous write is still waiting.
 *
 * Why: every message moves its conversation row forward, and on FerretDB (SQLite) an update costs
 * several times an insert; concurrent updates collapse into lock retries (about 130 updates/s with
 * 10 in flight, under 20/s with 40) and slow every other query down with them. Written behind,
 * one at a time, a row costs one update however many messages it carries, and the message path
 * only pays for its insert. See docs/performance.md.
 */
export function createLatestWriter<V>(options: LatestWriterOptions<V>) {
  const pauseMs = options.pauseMs ?? 0;
  let pausedUntil = 0;
  let wakeUp: NodeJS.Timeout | undefined;
  const pending = new Map<string, V>();
  const writing = new Map<string, Promise<void>>();
  // Callers waiting for a key's pending value to be written.
  const waiters = new Map<string, (() => void)[]>();

  function start(key: string, value: V): Promise<void> {
    const done = waiters.get(key) ?? [];
    waiters.delete(key);
    const write = options
      .write(key, value)
      .catch((error: unknown) => options.onError(error, key))
      .finally(() => {
        writing.delete(key);
        for (const resolve of done) resolve();
        pausedUntil = Date.now() + pauseMs;
        pump();
      });
    writing.set(key, write);
    return write;
  }

  function pump(): void {
    const wait = pausedUntil - Date.now();
    if (wait > 0) {
      wakeUp ??= setTimeout(() => {
        wakeUp = undefined;
        pump();
      }, wait);
      return;
    }
    for (const [key, value] of pending) {
      if (writing.size >= options.concurrency) return;
      if (writing.has(key)) continue;
      pending.delete(key);
      void start(key, value);
    }
  }

  return {
    /** Queues `value` for `key` (merged with one already queued) and returns at once. */
    write(key: string, value: V): void {
      const queued = pending.get(key);
      if (queued === undefined || options.isLater(value, queued)) pending.set(key, value);
      pump();
    },

    /**
     * Writes what is queued for the keys that match now, ahead of the line, and resolves once it
     * is written (or failed). Someone about to read those rows calls this first.
     */
    async flush(matches: (key: string) => boolean = () => true): Promise<void> {
      const waits: Promise<void>[] = [];
      for (const [key, value] of [...pending]) {
        if (!matches(key)) continue;
        const inFlight = writing.get(key);
        if (inFlight) {
          // Written after the write under way, by the pump.
          waits.push(inFlight, new Promise((resolve) => waiters.set(key, [...(waiters.get(key) ?? []), resolve])));
        } else {
          pending.delete(key);
          waits.push(start(key, value));
        }
      }
      for (const [key, write] of writing) if (matches(key)) waits.push(write);
      await Promise.all(waits);
    },
  };
}
