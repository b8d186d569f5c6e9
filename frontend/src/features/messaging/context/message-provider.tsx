import { useMemo, useRef, useState, type ReactNode } from 'react';
import type { AppSocket } from '../../../lib/socket';
import { messagingApi } from '../api/messaging-api';
import { catchUp } from '../flows/catch-up';
import { messageChanges } from '../flows/message-changes';
import { useConnected } from '../hooks/use-connected';
import { useConversations } from '../hooks/use-conversations';
import { useLiveMessages } from '../hooks/use-live-messages';
import { useMessagingState } from '../hooks/use-messaging-state';
import { useOutbox } from '../hooks/use-outbox';
import { usePageActivity } from '../hooks/use-page-activity';
import { useReadReceipts } from '../hooks/use-read-receipts';
import { useThreadPages } from '../hooks/use-thread-pages';
import { useTypingSignal, useWhoIsTyping } from '../hooks/use-typing';
import type { MessageAlert } from '../logic/labels';
import { partnerOf, totalUnread } from '../logic/messaging-state';
import { openOutboxStore } from '../storage/outbox-store';
import { MessageContext, useMessageContextValue, type MessageActions } from './message-context';
import { MESSAGING_OFF } from './messaging-off';

interface MessageProviderProps {
  /** the signed-in patient or doctor; null turns messaging off */
  myId: string | null;
  /** the app's socket (from the realtime feature, wired by the app) */
  socket: AppSocket | null;
  /** who is online (the realtime feature's presence, wired by the app); null while unknown */
  onlineUserIds: ReadonlySet<string> | null;
  /** a message from someone else arrived: the app passes it to its notifications */
  onAlert?: (alert: MessageAlert) => void;
  children: ReactNode;
}

type UserMessagingProps = Omit<MessageProviderProps, 'myId'> & { myId: string };

const NOBODY: ReadonlySet<string> = new Set();

/**
 * Live messaging for the signed-in user: conversations, loaded threads, the outbox, presence and
 * typing. Keyed by user, so nothing (state, listeners, the outbox database) outlives a session.
 */
export function MessageProvider({ myId, ...rest }: MessageProviderProps) {
  // Gated on the user only: the socket arrives a moment after sign-in (its ticket is fetched first),
  // and swapping the tree then would remount every page below and lose focus and typed text.
  if (myId === null) return <MessageContext value={MESSAGING_OFF}>{rest.children}</MessageContext>;
  return <UserMessaging key={myId} myId={myId} {...rest} />;
}

/**
 * It only composes: the pure `messagingReducer` holds conversations and threads; each hook below
 * does one job (the list, the outbox, paging, receipts, typing, the server's message events, the
 * connection and the page's activity), and a reconnect catches up (`catchUp`) and sends what waits.
 */
function UserMessaging({ myId, socket, onlineUserIds, onAlert, children }: UserMessagingProps) {
  const { state, stateRef, dispatch } = useMessagingState();
  const conversations = useConversations(dispatch, messagingApi.getConversations);
  const openThread = useRef<string | null>(null);
  const [store] = useState(() => openOutboxStore(myId));
  const outbox = useOutbox({
    myId,
    socket,
    store,
    sendMessage: messagingApi.sendMessage,
    onStored(message) {
      dispatch({ type: 'messageStored', message, myId, readingNow: true });
      const partnerId = partnerOf(message, myId);
      if (!stateRef.current.conversations?.some((conversation) => conversation.user.id === partnerId))
        void conversations.refresh();
    },
  });
  const { browserOnline, pageActive } = usePageActivity(outbox.backOnline);
  const { typingUserIds, stopShowing } = useWhoIsTyping(socket);
  const typing = useTypingSignal(socket);
  const pages = useThreadPages(stateRef, dispatch, messagingApi.getMessages);
  const markRead = useReadReceipts(socket, { myId, stateRef, dispatch, markRead: messagingApi.markRead });
  useLiveMessages(socket, {
    myId,
    stateRef,
    dispatch,
    openThread,
    refreshConversations: conversations.refresh,
    stopShowingTyping: stopShowing,
    onAlert,
  });
  const connected = useConnected(socket, () => {
    void conversations.refresh();
    void catchUp(stateRef.current.threads, {
      getMessages: messagingApi.getMessages,
      dispatch,
      openThread: () => openThread.current,
    });
    void outbox.flush();
  });

  const { send, retry, discard } = outbox;
  const actions = useMemo<MessageActions>(
    () => ({
      ...pages,
      ...messageChanges(messagingApi, dispatch),
      send,
      retry,
      discard,
      markRead,
      typing,
      setOpenThread(partnerId) {
        openThread.current = partnerId;
      },
    }),
    [pages, dispatch, send, retry, discard, markRead, typing],
  );

  const value = useMessageContextValue({
    myId,
    online: connected && browserOnline,
    conversations: state.conversations,
    conversationsError: conversations.error,
    threads: state.threads,
    outbox: outbox.entries,
    uploadProgress: outbox.uploadProgress,
    onlineUserIds: onlineUserIds ?? NOBODY,
    typingUserIds,
    unreadTotal: totalUnread(state.conversations),
    pageActive,
    actions,
  });
  return <MessageContext value={value}>{children}</MessageContext>;
}
