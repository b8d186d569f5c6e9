import { useCallback, useEffect, useRef, useState } from 'react';
import { followingAfterScroll } from '../logic/follow-bottom';

/**
 * Tracks whether the reader follows the thread's newest message, from the scroller's own scroll
 * events (logic/follow-bottom.ts decides). `following` starts true: opening a thread shows its end.
 */
export function useFollowBottom(onChange?: (following: boolean) => void) {
  const [following, setFollowing] = useState(true);
  const followingRef = useRef(true);
  const [scroller, setScroller] = useState<HTMLElement | null>(null);

  const update = useCallback((next: boolean) => {
    if (followingRef.current === next) return;
    followingRef.current = next;
    setFollowing(next);
  }, []);

  useEffect(() => {
    onChange?.(following);
  }, [following, onChange]);

  useEffect(() => {
    if (!scroller) return;
    let previousTop = scroller.scrollTop;
    const onScroll = () => {
      const { scrollTop, scrollHeight, clientHeight } = scroller;
      update(followingAfterScroll(followingRef.current, previousTop, { scrollTop, scrollHeight, clientHeight }));
      previousTop = scrollTop;
    };
    scroller.addEventListener('scroll', onScroll, { passive: true });
    return () => scroller.removeEventListener('scroll', onScroll);
  }, [scroller, update]);

  /** Virtuoso's `scrollerRef`: the element that scrolls. */
  const scrollerRef = useCallback((element: HTMLElement | Window | null) => {
    setScroller(element instanceof HTMLElement ? element : null);
  }, []);

  return { following, followingRef, setFollowing: update, scrollerRef };
}
