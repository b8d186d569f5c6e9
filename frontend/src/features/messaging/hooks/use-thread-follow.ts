import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { unseenCount } from '../logic/follow-bottom';
import type { ThreadItem } from '../logic/outbox';
import { useFollowBottom } from './use-follow-bottom';

/**
 * Following the thread's newest message, for its items: `followOutput` keeps a follower at the end
 * as messages arrive (and brings me there when I sent one), and `unseen` counts the partner's
 * messages that came after what a reader who scrolled up last saw (the "N new messages" button).
 */
export function useThreadFollow(items: readonly ThreadItem[], myId: string, onFollowingChange?: (following: boolean) => void) {
  const follow = useFollowBottom(onFollowingChange);
  const { followingRef } = follow;
  const lastKey = items.at(-1)?.key;

  const lastKeyRef = useRef(lastKey);
  const followOutput = useCallback(() => {
    const newLast = items.at(-1);
    const appendedMine = newLast !== undefined && newLast.key !== lastKeyRef.current && newLast.message.senderId === myId;
    return appendedMine || followingRef.current ? ('auto' as const) : false;
  }, [items, myId, followingRef]);
  useEffect(() => {
    lastKeyRef.current = lastKey;
  }, [lastKey]);

  // What the reader last saw at the bottom; the button counts what came after it.
  const [lastSeenKey, setLastSeenKey] = useState(lastKey);
  if (follow.following && lastSeenKey !== lastKey) setLastSeenKey(lastKey);
  const unseen = useMemo(
    () =>
      unseenCount(
        items.map((item) => ({ key: item.key, mine: item.message.senderId === myId })),
        lastSeenKey,
      ),
    [items, myId, lastSeenKey],
  );

  return { ...follow, followOutput, unseen };
}
