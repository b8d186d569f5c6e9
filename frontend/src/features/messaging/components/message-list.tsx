import { useCallback, useImperativeHandle, useRef, type Ref, type RefObject } from 'react';
import { Virtuoso, type VirtuosoHandle } from 'react-virtuoso';
import { useFirstItemIndex } from '../hooks/use-first-item-index';
import { useThreadFollow } from '../hooks/use-thread-follow';
import { newMessagesLabel } from '../logic/follow-bottom';
import type { ThreadItem } from '../logic/outbox';
import { MessageItem, type MessageRowContext } from './message-item';

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

/** For a reader who scrolled up: how many messages came since, and back down to them. */
function NewMessagesButton({ count, onClick }: { count: number; onClick: () => void }) {
  return (
    <button type="button" className="button button-primary new-messages-button" onClick={onClick}>
      {newMessagesLabel(count)} <span aria-hidden="true">↓</span>
    </button>
  );
}

/** The handle the thread holds: scroll to a quoted message, or back to the newest. */
function useListHandle(
  ref: Ref<MessageListHandle> | undefined,
  virtuosoRef: RefObject<VirtuosoHandle | null>,
  items: readonly ThreadItem[],
  backToNewest: () => void,
) {
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
      scrollToBottom: backToNewest,
    }),
    [items, virtuosoRef, backToNewest],
  );
}

/**
 * The thread, virtualised: only the messages near the viewport are in the DOM, however long the
 * history. Scrolling to the top loads older pages without moving what the reader is looking at.
 * A reader at the bottom is kept there as messages arrive or grow (images, edits); one who scrolled
 * up is shown "N new messages" instead (hooks/use-thread-follow.ts).
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
  const follow = useThreadFollow(items, context.myId, onFollowingChange);
  const { followingRef, setFollowing } = follow;
  const firstItemIndex = useFirstItemIndex(items);

  const scrollToEnd = useCallback(() => {
    virtuosoRef.current?.scrollToIndex({ index: 'LAST', align: 'end', behavior: 'auto' });
  }, []);
  const backToNewest = useCallback(() => {
    setFollowing(true);
    scrollToEnd();
  }, [setFollowing, scrollToEnd]);
  useListHandle(ref, virtuosoRef, items, backToNewest);

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
        followOutput={follow.followOutput}
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
      {!follow.following && follow.unseen > 0 && <NewMessagesButton count={follow.unseen} onClick={backToNewest} />}
    </div>
  );
}
