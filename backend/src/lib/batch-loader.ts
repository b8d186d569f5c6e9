/**
 * Coalesces lookups by key: keys asked for while loads are running wait for the next load and are
 * fetched together, with one query. On FerretDB every filtered query is a scan of its collection,
 * so a thousand sockets connecting at once cost a handful of scans instead of a thousand.
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
   * Reads one key by itself. FerretDB answers an `_id` equality from its index, but scans the
   * whole collection for any `$in`: a few keys are cheaper one by one (in parallel), many in one scan.
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
  const loadKeys = async (keys: K[]): Promise<Map<K, V>> => {
    if (!loadOne || keys.length > oneByOneUpTo) return loadMany(keys);
    const values = await Promise.all(keys.map((key) => loadOne(key)));
    return new Map(keys.flatMap((key, index) => (values[index] === undefined ? [] : [[key, values[index]] as [K, V]])));
  };
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
    void loadKeys([...batch.keys()]).then(
      (found) => {
        for (const [key, callers] of batch) for (const caller of callers) caller.resolve(found.get(key));
      },
      (error: unknown) => {
        for (const callers of batch.values()) for (const caller of callers) caller.reject(error);
      },
    ).finally(() => {
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
