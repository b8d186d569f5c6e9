import type { Attachment, Message } from '@telehealth/shared';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { Avatar } from '../../../components/ui/avatar';
import { FormAlert } from '../../../components/ui/form-alert';
import { Lightbox } from '../../../components/ui/lightbox';
import { ApiError } from '../../../lib/api-client';
import { describeError } from '../../../lib/error-message';
import { useMessages } from '../context/message-context';
import { usePartner } from '../hooks/use-partner';
import { checkAttachment } from '../logic/attachment-check';
import { threadItems, type OutboxEntry } from '../logic/outbox';
import { Composer, type ComposerMode, type RestoredDraft } from './composer';
import type { MessageRowContext } from './message-item';
import { MessageList, type MessageListHandle } from './message-list';

const HIGHLIGHT_MS = 2_500;
/** Pages of history read at most to find the message a reply quotes. */
const MAX_PAGES_TO_FIND = 20;

/** One conversation: who it is with, the messages, who is typing, and the box to write in. */
export function ThreadView({ partnerId, headerActions }: { partnerId: string; headerActions?: ReactNode }) {
  const { myId, threads, outbox, uploadProgress, onlineUserIds, typingUserIds, pageActive, online, actions } = useMessages();
  const { partner, error: partnerError } = usePartner(partnerId);
  const thread = threads[partnerId];
  const [loadError, setLoadError] = useState<string | null>(null);
  // The server refused the thread itself: these two have no consultation that lets them talk.
  const [notAllowed, setNotAllowed] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [mode, setMode] = useState<ComposerMode>({ type: 'new', replyTo: null });
  const [highlightedId, setHighlightedId] = useState<string | null>(null);
  const [lightbox, setLightbox] = useState<{ src: string; name: string } | null>(null);
  const [restored, setRestored] = useState<RestoredDraft | null>(null);
  const listRef = useRef<MessageListHandle>(null);
  const composerRef = useRef<HTMLTextAreaElement>(null);
  const partnerName = partner?.name ?? 'them';

  useEffect(() => {
    actions.setOpenThread(partnerId);
    return () => actions.setOpenThread(null);
  }, [actions, partnerId]);

  const load = useCallback(() => {
    actions.loadThread(partnerId).then(
      () => {
        setLoadError(null);
        setNotAllowed(false);
      },
      (error: unknown) => {
        if (error instanceof ApiError && error.status === 403) return setNotAllowed(true);
        setLoadError(describeError(error));
      },
    );
  }, [actions, partnerId]);
  useEffect(load, [load]);

  // Read receipts: only while the thread is really being looked at, its newest messages on screen
  // (a reader who scrolled up has not seen what arrived since; the receipt waits until they have).
  const messages = thread?.messages;
  const [following, setFollowing] = useState(true);
  useEffect(() => {
    if (messages && pageActive && following) actions.markRead(partnerId);
  }, [actions, partnerId, messages, pageActive, following]);

  const items = useMemo(
    () => (myId && thread ? threadItems(thread.messages, outbox, myId, partnerId) : []),
    [myId, thread, outbox, partnerId],
  );

  const loadOlder = useCallback(async () => {
    setLoadingOlder(true);
    try {
      return await actions.loadOlder(partnerId);
    } catch (error) {
      setActionError(describeError(error));
      return [];
    } finally {
      setLoadingOlder(false);
    }
  }, [actions, partnerId]);

  // Where to scroll once the message is rendered into the list (it may need older pages first).
  const jumpTargetRef = useRef<string | null>(null);
  useEffect(() => {
    const target = jumpTargetRef.current;
    if (target && listRef.current?.scrollToMessage(target)) jumpTargetRef.current = null;
  }, [items, highlightedId]);

  const jumpTo = useCallback(
    async (messageId: string) => {
      setActionError(null);
      let loaded = thread?.messages.some((message) => message.id === messageId) ?? false;
      for (let page = 0; !loaded && page < MAX_PAGES_TO_FIND; page += 1) {
        const added = await loadOlder();
        if (added.length === 0) break;
        loaded = added.includes(messageId);
      }
      if (!loaded) {
        setActionError('The original message is no longer available.');
        return;
      }
      jumpTargetRef.current = messageId;
      setHighlightedId(messageId);
      setTimeout(() => setHighlightedId((current) => (current === messageId ? null : current)), HIGHLIGHT_MS);
    },
    [thread, loadOlder],
  );

  const onError = useCallback((error: unknown) => setActionError(describeError(error)), []);

  // A refused message goes back into the box as it was written; its file only if it can still be sent.
  const restore = useCallback(
    async (entry: OutboxEntry) => {
      const file = entry.file ? new File([entry.file.blob], entry.file.name, { type: entry.file.type }) : null;
      const fileProblem = file ? await checkAttachment(file) : null;
      actions.discard(entry.clientId);
      setRestored({ key: entry.clientId, text: entry.text, file: fileProblem ? null : file, fileProblem });
      composerRef.current?.focus();
    },
    [actions],
  );
  const rowContext = useMemo<MessageRowContext>(
    () => ({
      myId: myId ?? '',
      partnerName,
      highlightedId,
      uploadProgress,
      onReply: (message: Message) => {
        setMode({ type: 'new', replyTo: message });
        composerRef.current?.focus();
      },
      onEdit: (message: Message) => {
        setMode({ type: 'edit', message });
        composerRef.current?.focus();
      },
      onDeleted: () => composerRef.current?.focus(),
      onJump: (messageId: string) => void jumpTo(messageId),
      onOpenImage: (attachment: Attachment) => setLightbox({ src: attachment.url, name: attachment.name }),
      onError,
      onRestore: (entry: OutboxEntry) => void restore(entry),
    }),
    [myId, partnerName, highlightedId, uploadProgress, jumpTo, onError, restore],
  );

  const authorName = useCallback(
    (message: Message) => (message.senderId === myId ? 'yourself' : partnerName),
    [myId, partnerName],
  );
  const onTyping = useCallback((isTyping: boolean) => actions.typing(partnerId, isTyping), [actions, partnerId]);

  const onSend = async (text: string, file: File | null) => {
    setActionError(null);
    const replyTo =
      mode.type === 'new' && mode.replyTo
        ? { id: mode.replyTo.id, senderId: mode.replyTo.senderId, text: mode.replyTo.text, deleted: mode.replyTo.deleted }
        : null;
    setMode({ type: 'new', replyTo: null });
    await actions.send(partnerId, { text, replyTo, file });
  };

  const onSaveEdit = async (message: Message, text: string) => {
    setActionError(null);
    try {
      await actions.edit(message.id, text);
      setMode({ type: 'new', replyTo: null });
    } catch (error) {
      setActionError(describeError(error));
      throw error;
    }
  };

  const isOnline = onlineUserIds.has(partnerId);
  const typing = typingUserIds.has(partnerId);

  return (
    <section className="thread" aria-labelledby="thread-title">
      <header className="thread-header">
        <Link to="/messages" className="thread-back">
          <span aria-hidden="true">← </span>All conversations
        </Link>
        {partner && <Avatar name={partner.name} avatarUrl={partner.avatarUrl} />}
        <div className="thread-who">
          <h2 id="thread-title" className="thread-title">
            {partner?.name ?? (partnerError ? 'Conversation' : 'Loading…')}
          </h2>
          <p className="thread-presence" data-online={isOnline}>
            <span className="presence-dot" aria-hidden="true" />
            {isOnline ? 'Online' : 'Offline'}
          </p>
        </div>
        {headerActions && !notAllowed && <div className="thread-header-actions">{headerActions}</div>}
      </header>
      {notAllowed && (
        <p className="thread-not-allowed" role="status">
          You cannot message {partner?.name ?? 'this person'} here. A patient and a doctor can write and call each other once the
          doctor has taken a consultation with the patient; to talk to this doctor, ask for a consultation from your home page.
        </p>
      )}
      {!online && (
        <p className="thread-offline" role="status">
          You are offline. Messages you send now go out when the connection is back.
        </p>
      )}
      <FormAlert message={loadError ?? partnerError ?? actionError} />
      {loadError && (
        <button type="button" className="button button-quiet" onClick={load}>
          Try again
        </button>
      )}
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
        !loadError && (
          <p className="thread-loading" role="status">
            Loading messages…
          </p>
        )
      )}
      <p className="typing-indicator" role="status">
        {typing ? `${partnerName} is typing…` : ''}
      </p>
      {!notAllowed && (
        <Composer
          ref={composerRef}
          partnerName={partnerName}
          mode={mode}
          restored={restored}
          authorName={authorName}
          onCancelMode={() => setMode({ type: 'new', replyTo: null })}
          onSend={onSend}
          onSaveEdit={onSaveEdit}
          onTyping={onTyping}
        />
      )}
      <Lightbox image={lightbox} onClose={() => setLightbox(null)} />
    </section>
  );
}
