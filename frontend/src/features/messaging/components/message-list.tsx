import { useCallback, useEffect, useImperativeHandle, useMemo, useRef, useState, type Ref } from 'react';
import { Virtuoso, type VirtuosoHandle } from 'react-virtuoso';
import { useFollowBottom } from '../hooks/use-follow-bottom';
import { newMessagesLabel, unseenCount } from '../logic/follow-bottom';
import type { ThreadItem } from '../logic/outbox';
import { MessageItem, type MessageRowContext } from './message-item';

/**
 * Virtuoso numbers items from here downwards as older history is prepended, which is how it keeps
 * the reader's place: prepending N items lowers firstItemIndex by N.
 */
const FIRST_INDEX = 1_000_000;

export interface MessageListHandle {
  /** scrolls to a loaded message; false if it is not loaded */
  scrollToMessage(messageId: string): boolean;
  scrollToBottom(): void;
}

interface MessageListProps {
  label: string;
  items: ThreadItem[];
  hasOlder: boolean;
  loadingOlder: boolean;
  onLoadOlder: () => void;
  context: MessageRowContext;
  /** whether the newest message is in view and kept there (read receipts wait for it) */
  onFollowingChange?: (following: boolean) => void;
  ref?: Ref<MessageListHandle>;
}

interface ListContext extends MessageRowContext {
  items: ThreadItem[];
  firstItemIndex: number;
  loadingOlder: boolean;
  hasOlder: boolean;
}

function Header({ context }: { context: ListContext }) {
  if (context.loadingOlder) return <p className="thread-history-note">Loading earlier messages…</p>;
  if (!context.hasOlder && context.items.length > 0)
    return <p className="thread-history-note">This is the start of your conversation.</p>;
  return <div className="thread-history-spacer" />;
}

const COMPONENTS = { Header };

/**
 * The thread, virtualised: only the messages near the viewport are in the DOM, however long the
 * history. Scrolling to the top loads older pages without moving what the reader is looking at.
 * A reader at the bottom is kept there as messages arrive or grow (images, edits); one who scrolled
 * up is shown "N new messages" instead (hooks/use-follow-bottom.ts).
 */
export function MessageList({
  label,
  items,
  hasOlder,
  loadingOlder,
  onLoadOlder,
  context,
  onFollowingChange,
  ref,
}: MessageListProps) {
  const virtuosoRef = useRef<VirtuosoHandle>(null);
  const follow = useFollowBottom(onFollowingChange);
  const { followingRef } = follow;
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

  const lastItem = items.at(-1);
  const lastKeyRef = useRef(lastItem?.key);
  const followOutput = useCallback(() => {
    const newLast = items.at(-1);
    const appendedMine = newLast !== undefined && newLast.key !== lastKeyRef.current && newLast.message.senderId === context.myId;
    return appendedMine || followingRef.current ? ('auto' as const) : false;
  }, [items, context.myId, followingRef]);
  useEffect(() => {
    lastKeyRef.current = lastItem?.key;
  }, [lastItem?.key]);

  const scrollToEnd = useCallback(() => {
    virtuosoRef.current?.scrollToIndex({ index: 'LAST', align: 'end', behavior: 'auto' });
  }, []);
  // What the reader last saw at the bottom; the button counts what came after it.
  const [lastSeenKey, setLastSeenKey] = useState(lastItem?.key);
  if (follow.following && lastSeenKey !== lastItem?.key) setLastSeenKey(lastItem?.key);
  const unseen = useMemo(
    () =>
      unseenCount(
        items.map((item) => ({ key: item.key, mine: item.message.senderId === context.myId })),
        lastSeenKey,
      ),
    [items, context.myId, lastSeenKey],
  );

  useImperativeHandle(
    ref,
    () => ({
      scrollToMessage(messageId) {
        const index = items.findIndex((item) => item.message.id === messageId);
        if (index === -1) return false;
        // Virtuoso takes in newly prepended pages in its own effects: scroll on the next frame, once
        // it knows them, and once more when the rows around have been measured.
        const scroll = () => virtuosoRef.current?.scrollToIndex({ index, align: 'center', behavior: 'auto' });
        requestAnimationFrame(scroll);
        setTimeout(scroll, 250);
        return true;
      },
      scrollToBottom() {
        follow.setFollowing(true);
        scrollToEnd();
      },
    }),
    [items, follow, scrollToEnd],
  );

  const listContext: ListContext = { ...context, items, firstItemIndex, loadingOlder, hasOlder };

  return (
    <div className="message-list-frame">
      <Virtuoso<ThreadItem, ListContext>
        ref={virtuosoRef}
        scrollerRef={follow.scrollerRef}
        className="message-list"
        role="log"
        aria-live="polite"
        aria-label={label}
        aria-busy={loadingOlder}
        tabIndex={0}
        data={items}
        context={listContext}
        firstItemIndex={firstItemIndex}
        initialTopMostItemIndex={Math.max(0, items.length - 1)}
        computeItemKey={(_, item) => item.key}
        startReached={() => {
          if (hasOlder && !loadingOlder) onLoadOlder();
        }}
        followOutput={followOutput}
        // A message that grows under a follower (an image loads, an edit) must not push the end out of view.
        totalListHeightChanged={() => {
          if (followingRef.current) scrollToEnd();
        }}
        increaseViewportBy={{ top: 400, bottom: 200 }}
        components={COMPONENTS}
        itemContent={(index, item, rowContext) => (
          <MessageItem item={item} previous={rowContext.items[index - rowContext.firstItemIndex - 1]} context={rowContext} />
        )}
      />
      {!follow.following && unseen > 0 && (
        <button
          type="button"
          className="button button-primary new-messages-button"
          onClick={() => {
            follow.setFollowing(true);
            scrollToEnd();
          }}
        >
          {newMessagesLabel(unseen)} <span aria-hidden="true">↓</span>
        </button>
      )}
    </div>
  );
}
