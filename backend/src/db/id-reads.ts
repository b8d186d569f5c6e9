/**
 * At most this many ids in one `_id: {$in}` read: the patched FerretDB reads up to 1,000 through
 * its index (backend/scripts/setup-ferretdb.sh, patch 3) and scans for more. The rule, once.
 */
export const IDS_PER_READ = 1_000;

/** Runs `read` on the ids IDS_PER_READ at a time, one after another, and joins what it found. */
export async function readInChunks<K, T>(ids: readonly K[], read: (chunk: K[]) => Promise<T[]>): Promise<T[]> {
  const found: T[] = [];
  for (let start = 0; start < ids.length; start += IDS_PER_READ)
    found.push(...(await read(ids.slice(start, start + IDS_PER_READ))));
  return found;
}
