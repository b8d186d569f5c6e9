/**
 * Coalesces lookups by key: keys asked for while loads are running wait for the next load and are
 * fetched together, with one query. On FerretDB every query not on `_id` is a scan of its
 * collection, so a thousand sockets connecting at once cost a handful of scans instead of a thousand.
 *
 * Freshness is the same as querying directly: a key asked for after a write is only ever answered
 * by a load that starts after that request, never by one already under way.
 */
export interface BatchLoader<K, V> {
  /** the value for `key`, or undefined if `loadMany` found none */
  load(key: K): Promise<V | undefined>;
}

export interface BatchLoaderOptions<K, V> {
  /** at most this many keys per query */
  maxBatch?: number;
  /** at most this many queries at once */
  concurrency?: number;
  /**
   * Reads one key by itself: for a loader whose `loadMany` is a scan on FerretDB (any filter but
   * one on `_id`), a few keys are cheaper one by one (in parallel), many in one scan.
   */
  loadOne?: (key: K) => Promise<V | undefined>;
  /** up to this many keys in a batch are read with `loadOne` (default 8) */
  oneByOneUpTo?: number;
}

export function createBatchLoader<K, V>(
  loadMany: (keys: K[]) => Promise<Map<K, V>>,
  options: BatchLoaderOptions<K, V> = {},
): BatchLoader<K, V> {
  const maxBatch = options.maxBatch ?? 500;
  const concurrency = options.concurrency ?? 2;
  const { loadOne } = options;
  const oneByOneUpTo = options.oneByOneUpTo ?? 8;
  const loadKeys = async (keys: K[]): Promise<Map<K, V>> =>
    !loadOne || keys.length > oneByOneUpTo ? loadMany(keys) : readOneByOne(keys, loadOne);
  let waiting = new Map<K, { resolve: (value: V | undefined) => void; reject: (error: unknown) => void }[]>();
  let running = 0;
  let scheduled = false;

  function schedule(): void {
    if (scheduled || running >= concurrency || waiting.size === 0) return;
    scheduled = true;
    // One tick lets the callers of this turn of the event loop join the same batch.
    setImmediate(flush);
  }

  function flush(): void {
    scheduled = false;
    if (running >= concurrency || waiting.size === 0) return;
    let batch: typeof waiting;
    if (waiting.size <= maxBatch) {
      batch = waiting;
      waiting = new Map();
    } else {
      batch = new Map([...waiting].slice(0, maxBatch));
      for (const key of batch.keys()) waiting.delete(key);
    }
    running += 1;
    void loadKeys([...batch.keys()])
      .then(
        (found) => {
          for (const [key, callers] of batch) for (const caller of callers) caller.resolve(found.get(key));
        },
        (error: unknown) => {
          for (const callers of batch.values()) for (const caller of callers) caller.reject(error);
        },
      )
      .finally(() => {
        running -= 1;
        schedule();
      });
    schedule();
  }

  return {
    load(key) {
      return new Promise((resolve, reject) => {
        const callers = waiting.get(key);
        if (callers) callers.push({ resolve, reject });
        else waiting.set(key, [{ resolve, reject }]);
        schedule();
      });
    },
  };
}

async function readOneByOne<K, V>(keys: K[], loadOne: (key: K) => Promise<V | undefined>): Promise<Map<K, V>> {
  const values = await Promise.all(keys.map((key) => loadOne(key)));
  return new Map(keys.flatMap((key, index) => (values[index] === undefined ? [] : [[key, values[index]] as [K, V]])));
}

const ID_BATCH = 16;

/**
 * Reads by `_id`, one query per key, at most `inFlight` at once; callers asking for the same key
 * together share its query (with the batch loader's freshness). An `_id` equality is answered
 * from the `_id` index on MongoDB and on our FerretDB build (backend/scripts/setup-ferretdb.sh
 * patches its lookup), so it costs the same at any collection size. When this was written an
 * `$in` was a scan on FerretDB (2,000 keys one by one 0.6 s against 0.9 s for one `$in`,
 * docs/performance.md); the third build patch made `_id: {$in}` an index read too, and lists
 * (a page, the conversation list) use it. The loaders for single keys (sockets, sessions) were
 * not moved to it: their figures were measured this way.
 */
export function createIdLoader<K, V>(loadOne: (key: K) => Promise<V | undefined>, inFlight = 32): BatchLoader<K, V> {
  return createBatchLoader<K, V>((keys) => readOneByOne(keys, loadOne), {
    maxBatch: ID_BATCH,
    concurrency: Math.max(1, Math.ceil(inFlight / ID_BATCH)),
  });
}
