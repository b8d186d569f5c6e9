import { useState } from 'react';

/**
 * Virtuoso numbers items from here downwards as older history is prepended, which is how it keeps
 * the reader's place: prepending N items lowers firstItemIndex by N.
 */
export const FIRST_INDEX = 1_000_000;

/** Virtuoso's `firstItemIndex` for `items`: lowered by as many items as were put before the first. */
export function useFirstItemIndex(items: readonly { key: string }[]): number {
  const [firstItemIndex, setFirstItemIndex] = useState(FIRST_INDEX);
  const [previousFirstKey, setPreviousFirstKey] = useState(items[0]?.key);

  // Adjusted while rendering (React's pattern for state derived from a change in props), so the
  // new items and the new firstItemIndex reach Virtuoso in the same render.
  const firstKey = items[0]?.key;
  if (firstKey !== previousFirstKey) {
    const prepended = items.findIndex((item) => item.key === previousFirstKey);
    if (prepended > 0) setFirstItemIndex((index) => index - prepended);
    setPreviousFirstKey(firstKey);
  }
  return firstItemIndex;
}
