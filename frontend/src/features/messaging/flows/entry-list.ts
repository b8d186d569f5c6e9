import type { OutboxEntry } from '../logic/outbox';

/**
 * The outbox's entries outside React: the sender reads them between awaits (always the latest),
 * and the hook renders them through `useSyncExternalStore`.
 */
export interface EntryList {
  get: () => OutboxEntry[];
  change: (update: (entries: OutboxEntry[]) => OutboxEntry[]) => void;
  subscribe: (onChange: () => void) => () => void;
}

export function createEntryList(): EntryList {
  let entries: OutboxEntry[] = [];
  const listeners = new Set<() => void>();
  return {
    get: () => entries,
    change(update) {
      entries = update(entries);
      for (const listener of listeners) listener();
    },
    subscribe(onChange) {
      listeners.add(onChange);
      return () => void listeners.delete(onChange);
    },
  };
}
