import type { Attachment, Message } from '@telehealth/shared';
import { useCallback, useMemo, useRef, useState, type ReactNode, type RefObject } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Lightbox } from '../../../components/ui/lightbox';
import { describeError } from '../../../lib/error-message';
import { useMessages } from '../context/message-context';
import { usePartner } from '../hooks/use-partner';
import { useThreadComposer } from '../hooks/use-thread-composer';
import { useJumpToConsultation, useJumpToMessage, useOlderPages } from '../hooks/use-thread-history';
import { useThreadLoad } from '../hooks/use-thread-load';
import { useReadWhileSeen } from '../hooks/use-read-while-seen';
import { threadItems, type OutboxEntry } from '../logic/outbox';
import { Composer } from './composer';
import type { MessageRowContext } from './message-item';
import { MessageList, type MessageListHandle } from './message-list';
import { LoadingMessages, ThreadHeader, ThreadNotices, TypingIndicator } from './thread-view-parts';

interface RowContextParts extends Pick<MessageRowContext, 'myId' | 'partnerName' | 'highlightedId' | 'uploadProgress'> {
  composerRef: RefObject<HTMLTextAreaElement | null>;
  jumpTo: (messageId: string) => Promise<void>;
  composer: Pick<ReturnType<typeof useThreadComposer>, 'reply' | 'edit' | 'restore'>;
  setLightbox: (image: { src: string; name: string }) => void;
  setActionError: (message: string) => void;
}

/** What every row gets from the thread: who is who, and where its buttons lead. */
function useRowContext({
  myId,
  partnerName,
  highlightedId,
  uploadProgress,
  composerRef,
  jumpTo,
  composer,
  setLightbox,
  setActionError,
}: RowContextParts) {
  const { reply, edit, restore } = composer;
  return useMemo<MessageRowContext>(
    () => ({
      myId,
      partnerName,
      highlightedId,
      uploadProgress,
      onReply: reply,
      onEdit: edit,
      onDeleted: () => composerRef.current?.focus(),
      onJump: (messageId: string) => void jumpTo(messageId),
      onOpenImage: (attachment: Attachment) => setLightbox({ src: attachment.url, name: attachment.name }),
      onError: (error: unknown) => setActionError(describeError(error)),
      onRestore: (entry: OutboxEntry) => void restore(entry),
    }),
    [myId, partnerName, highlightedId, uploadProgress, reply, edit, jumpTo, restore, composerRef, setLightbox, setActionError],
  );
}

interface ThreadComposerProps {
  partnerId: string;
  partnerName: string;
  myId: string | null;
  composer: ReturnType<typeof useThreadComposer>;
  composerRef: RefObject<HTMLTextAreaElement | null>;
}

interface ThreadViewProps {
  partnerId: string;
  headerActions?: ReactNode;
  composerNotice?: ReactNode;
  composerHint?: ReactNode;
}

/** The box to write in, wired to this thread: its reply or edit, the typing signal to the partner. */
function ThreadComposer({ partnerId, partnerName, myId, composer, composerRef }: ThreadComposerProps) {
  const { actions } = useMessages();
  const authorName = useCallback(
    (message: Message) => (message.senderId === myId ? 'yourself' : partnerName),
    [myId, partnerName],
  );
  const onTyping = useCallback((isTyping: boolean) => actions.typing(partnerId, isTyping), [actions, partnerId]);
  return (
    <Composer
      ref={composerRef}
      partnerName={partnerName}
      mode={composer.mode}
      restored={composer.restored}
      instructions={composer.instructions}
      authorName={authorName}
      onCancelMode={composer.cancel}
      onSend={composer.send}
      onSaveEdit={composer.saveEdit}
      onTyping={onTyping}
    />
  );
}

/** `?consultation=<id>` (a past consultation's link): scroll to where that consultation started. */
function useLinkedConsultation(options: Parameters<typeof useJumpToConsultation>[1]): void {
  const [searchParams] = useSearchParams();
  useJumpToConsultation(searchParams.get('consultation'), options);
}

/**
 * One conversation: who it is with, the messages, who is typing, and the box to write in. The app
 * may put `composerNotice` in place of the box (the thread stays readable) or `composerHint` above it.
 */
export function ThreadView({ partnerId, headerActions, composerNotice, composerHint }: ThreadViewProps) {
  const { myId, threads, outbox, uploadProgress, onlineUserIds, typingUserIds, pageActive, online, actions } = useMessages();
  const { partner, error: partnerError } = usePartner(partnerId);
  const thread = threads[partnerId];
  const partnerName = partner?.name ?? 'them';
  const { loadError, notAllowed, retry } = useThreadLoad(actions, partnerId);
  const [actionError, setActionError] = useState<string | null>(null);
  const [lightbox, setLightbox] = useState<{ src: string; name: string } | null>(null);
  const listRef = useRef<MessageListHandle>(null);
  const composerRef = useRef<HTMLTextAreaElement>(null);

  const messages = thread?.messages;
  const setFollowing = useReadWhileSeen(actions, partnerId, messages, pageActive);

  const items = useMemo(
    () => (myId && thread ? threadItems(thread.messages, outbox, myId, partnerId) : []),
    [myId, thread, outbox, partnerId],
  );
  const { loadingOlder, loadOlder } = useOlderPages(actions, partnerId, setActionError);
  const { highlightedId, jumpTo } = useJumpToMessage({ messages, loadOlder, listRef, rows: items, onError: setActionError });
  useLinkedConsultation({ messages, loadOlder, jumpTo, onError: setActionError });
  const composer = useThreadComposer({ actions, partnerId, partnerRole: partner?.role, composerRef, onError: setActionError });

  const rowContext = useRowContext({
    myId: myId ?? '',
    partnerName,
    highlightedId,
    uploadProgress,
    composerRef,
    jumpTo,
    composer,
    setLightbox,
    setActionError,
  });

  return (
    <section className="thread" aria-labelledby="thread-title">
      <ThreadHeader
        partner={partner}
        partnerError={partnerError}
        isOnline={onlineUserIds.has(partnerId)}
        headerActions={notAllowed ? null : headerActions}
      />
      <ThreadNotices
        notAllowed={notAllowed}
        partnerName={partner?.name}
        online={online}
        error={loadError ?? partnerError ?? actionError}
        onRetry={loadError ? retry : null}
      />
      {thread ? (
        <MessageList
          key={partnerId}
          ref={listRef}
          label={`Messages with ${partnerName}`}
          items={items}
          hasOlder={thread.hasOlder}
          loadingOlder={loadingOlder}
          onLoadOlder={() => void loadOlder()}
          context={rowContext}
          onFollowingChange={setFollowing}
        />
      ) : (
        !loadError && !notAllowed && <LoadingMessages />
      )}
      <TypingIndicator partnerName={partnerName} typing={typingUserIds.has(partnerId)} />
      {!notAllowed && (composerNotice ?? composerHint)}
      {!notAllowed && !composerNotice && (
        <ThreadComposer
          partnerId={partnerId}
          partnerName={partnerName}
          myId={myId}
          composer={composer}
          composerRef={composerRef}
        />
      )}
      <Lightbox image={lightbox} onClose={() => setLightbox(null)} />
    </section>
  );
}
