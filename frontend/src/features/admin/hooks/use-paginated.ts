import { useCallback, useEffect, useRef, useState } from 'react';
import { useServerData } from '../../../lib/use-server-data';

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * A cursor-paginated list: the first page loads whenever `key` changes (new filters), "Load more"
 * appends the next. An answer for an outdated key is dropped, so typing fast never shows stale rows.
 */
export function usePaginated<T>(key: string, fetchPage: (cursor: string | null, signal?: AbortSignal) => Promise<Page<T>>) {
  const first = useServerData((signal) => fetchPage(null, signal), { key });
  const { setData } = first;
  /** a failed "Load more", shown only while its filters are */
  const [moreError, setMoreError] = useState<{ key: string; error: unknown } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const fetchRef = useRef(fetchPage);
  const currentKey = useRef(key);
  useEffect(() => {
    fetchRef.current = fetchPage;
    currentKey.current = key;
  });

  const nextCursor = first.data?.nextCursor ?? null;
  const loadMore = useCallback(async () => {
    if (!nextCursor) return;
    const key = currentKey.current;
    setLoadingMore(true);
    try {
      const page = await fetchRef.current(nextCursor);
      if (key !== currentKey.current) return;
      setData((current) => ({ items: [...(current?.items ?? []), ...page.items], nextCursor: page.nextCursor }));
      setMoreError(null);
    } catch (failure) {
      setMoreError({ key, error: failure });
    } finally {
      setLoadingMore(false);
    }
  }, [nextCursor, setData]);

  /** Replaces one item in place (after an edit) without reloading the list. */
  const update = useCallback(
    (match: (item: T) => boolean, replacement: T) =>
      setData((current) => current && { ...current, items: current.items.map((item) => (match(item) ? replacement : item)) }),
    [setData],
  );

  const prepend = useCallback(
    (item: T) => setData((current) => ({ items: [item, ...(current?.items ?? [])], nextCursor: current?.nextCursor ?? null })),
    [setData],
  );

  return {
    items: first.data?.items ?? null,
    nextCursor,
    error: (moreError?.key === key ? moreError.error : null) ?? first.error,
    loadingMore,
    loadMore,
    update,
    prepend,
  };
}
