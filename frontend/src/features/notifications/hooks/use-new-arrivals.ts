import { useEffect, useEffectEvent, useRef } from 'react';
import { newArrivals } from '../logic/new-arrivals';

/**
 * Calls `onArrival` for each item that appears in `items` after the first time they are known
 * (`items` null: not loaded yet). What was there on load is not news; nor is anything that
 * arrived while `enabled` was false (a doctor who was away is not alerted for the backlog).
 */
export function useNewArrivals<T extends { id: string }>(
  items: readonly T[] | null,
  enabled: boolean,
  onArrival: (item: T) => void,
): void {
  const seen = useRef<Set<string> | null>(null);
  const arrive = useEffectEvent(onArrival);

  useEffect(() => {
    if (items === null) return;
    const previous = seen.current;
    seen.current = new Set(items.map((item) => item.id));
    if (previous === null || !enabled) return;
    for (const item of newArrivals(previous, items)) arrive(item);
  }, [items, enabled]);
}
