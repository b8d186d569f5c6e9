import { useCallback, useEffect, useRef, useState } from 'react';

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * A cursor-paginated list: the first page loads whenever `key` changes (new filters), "Load more"
 * appends the next. An answer for an outdated key is dropped, so typing fast never shows stale rows.
 */
export function usePaginated<T>(key: string, fetchPage: (cursor: string | null, signal?: AbortSignal) => Promise<Page<T>>) {
  const [items, setItems] = useState<T[] | null>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const fetchRef = useRef(fetchPage);
  const currentKey = useRef(key);

  useEffect(() => {
    fetchRef.current = fetchPage;
  });

  useEffect(() => {
    currentKey.current = key;
    const controller = new AbortController();
    fetchRef.current(null, controller.signal).then(
      (page) => {
        setError(null);
        setItems(page.items);
        setNextCursor(page.nextCursor);
      },
      (failure: unknown) => {
        if (!controller.signal.aborted) setError(failure);
      },
    );
    return () => controller.abort();
  }, [key]);

  const loadMore = useCallback(async () => {
    if (!nextCursor) return;
    const key = currentKey.current;
    setLoadingMore(true);
    try {
      const page = await fetchRef.current(nextCursor);
      if (key !== currentKey.current) return;
      setItems((current) => [...(current ?? []), ...page.items]);
      setNextCursor(page.nextCursor);
    } catch (failure) {
      setError(failure);
    } finally {
      setLoadingMore(false);
    }
  }, [nextCursor]);

  /** Replaces one item in place (after an edit) without reloading the list. */
  const update = useCallback((match: (item: T) => boolean, replacement: T) => {
    setItems((current) => current?.map((item) => (match(item) ? replacement : item)) ?? null);
  }, []);

  const prepend = useCallback((item: T) => setItems((current) => [item, ...(current ?? [])]), []);

  return { items, nextCursor, error, loadingMore, loadMore, update, prepend };
}
