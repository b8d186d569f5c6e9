import { oneAtATime, type Conversation, type Message } from '@telehealth/shared';
import { useCallback, useEffect, useEffectEvent, useLayoutEffect, useMemo, useReducer, useRef, useState, type ReactNode } from 'react';
import { ApiError } from '../../../lib/api-client';
import { describeError } from '../../../lib/error-message';
import type { AppSocket } from '../../../lib/socket';
import { deleteMessage } from '../api/delete-message';
import { editMessage } from '../api/edit-message';
import { getConversations } from '../api/get-conversations';
import { getMessages } from '../api/get-messages';
import { markRead as markReadRequest } from '../api/mark-read';
import { sendMessage } from '../api/send-message';
import { toggleReaction } from '../api/toggle-reaction';
import { newClientId } from '../logic/client-id';
import { alertTitle, titleWithUnread } from '../logic/labels';
import { newestMessageId, newestUnreadFrom } from '../logic/message-list';
import { describeRefusal } from '../logic/not-sent';
import { INITIAL_STATE, messagingReducer, partnerOf, totalUnread } from '../logic/messaging-state';
import { nextOrder, nextToSend, type OutboxEntry } from '../logic/outbox';
import { pauseEntry, planRetry, sendingPausedUntil, type SendFailure } from '../logic/outbox-retry';
import { createTypingThrottle, TYPING_SHOWN_FOR_MS } from '../logic/typing';
import { openOutboxStore } from '../storage/outbox-store';
import { MessageContext, type AlertPermission, type Draft, type MessageActions, type MessageContextValue } from './message-context';

interface MessageProviderProps {
  /** the signed-in patient or doctor; null turns messaging off */
  myId: string | null;
  /** the app's socket (from the realtime feature, wired by the app) */
  socket: AppSocket | null;
  children: ReactNode;
}

const CATCH_UP_PAGE = 100;
const OLDER_PAGE = 50;
const RETRY_MIN_MS = 1_000;
const RETRY_MAX_MS = 10_000;

const noop = async () => undefined;
const OFF: MessageContextValue = {
  myId: null,
  online: false,
  conversations: null,
  conversationsError: null,
  threads: {},
  outbox: [],
  uploadProgress: {},
  onlineUserIds: new Set(),
  typingUserIds: new Set(),
  unreadTotal: 0,
  pageActive: true,
  alertPermission: 'unsupported',
  actions: {
    loadThread: noop,
    loadOlder: async () => [],
    send: noop,
    retry: () => undefined,
    discard: () => undefined,
    edit: noop,
    remove: noop,
    react: noop,
    markRead: () => undefined,
    typing: () => undefined,
    setOpenThread: () => undefined,
    enableAlerts: noop,
  },
};

/**
 * Live messaging for the signed-in user: conversations, loaded threads, the outbox, presence and
 * typing. Keyed by user, so nothing (state, listeners, the outbox database) outlives a session.
 */
export function MessageProvider({ myId, socket, children }: MessageProviderProps) {
  // Gated on the user only: the socket arrives a moment after sign-in (its ticket is fetched first),
  // and swapping the tree then would remount every page below and lose focus and typed text.
  if (myId === null) return <MessageContext value={OFF}>{children}</MessageContext>;
  return (
    <UserMessaging key={myId} myId={myId} socket={socket}>
      {children}
    </UserMessaging>
  );
}

/** A failure worth trying again by itself: no network, a server briefly down, a rate limit. */
function isTransient(error: unknown): error is ApiError {
  return error instanceof ApiError && (error.status === 0 || error.status === 429 || error.status >= 500);
}

function isPageActive(): boolean {
  return document.visibilityState === 'visible' && document.hasFocus();
}

function currentAlertPermission(): AlertPermission {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

function UserMessaging({ myId, socket, children }: { myId: string; socket: AppSocket | null; children: ReactNode }) {
  const [state, dispatch] = useReducer(messagingReducer, INITIAL_STATE);
  const [conversationsError, setConversationsError] = useState<string | null>(null);
  const [outbox, setOutbox] = useState<OutboxEntry[]>([]);
  const [uploadProgress, setUploadProgress] = useState<Record<string, number>>({});
  const [onlineUserIds, setOnlineUserIds] = useState<ReadonlySet<string>>(() => new Set());
  const [typingUserIds, setTypingUserIds] = useState<ReadonlySet<string>>(() => new Set());
  const [connected, setConnected] = useState(socket?.connected ?? false);
  const [browserOnline, setBrowserOnline] = useState(() => navigator.onLine);
  const [pageActive, setPageActive] = useState(isPageActive);
  const [hiddenUnread, setHiddenUnread] = useState(0);
  const [alertPermission, setAlertPermission] = useState<AlertPermission>(currentAlertPermission);
  const [store] = useState(() => openOutboxStore(myId));

  // Read by socket handlers and async work, which must see the latest without re-subscribing.
  const stateRef = useRef(state);
  const outboxRef = useRef<OutboxEntry[]>([]);
  const openThreadRef = useRef<string | null>(null);
  const flushingRef = useRef(false);
  const retryTimerRef = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const retryDelayRef = useRef(RETRY_MIN_MS);
  const loadingRef = useRef(new Set<string>());
  const olderInFlightRef = useRef(new Map<string, Promise<string[]>>());
  const markedReadRef = useRef(new Map<string, string>());
  const alertedRef = useRef(new Set<string>());
  const typingTimersRef = useRef(new Map<string, ReturnType<typeof setTimeout>>());
  const typingThrottlesRef = useRef(new Map<string, ReturnType<typeof createTypingThrottle>>());

  // A layout effect: it runs before any child's effect, so a thread view reacting to new messages
  // (read receipts) already finds them here.
  useLayoutEffect(() => {
    stateRef.current = state;
  }, [state]);

  const setOutboxEntries = useCallback((change: (entries: OutboxEntry[]) => OutboxEntry[]) => {
    outboxRef.current = change(outboxRef.current);
    setOutbox(outboxRef.current);
  }, []);

  /** Resolves with the list, or null when it could not be read. */
  // One list request at a time: messages arriving meanwhile share one follow-up (shared one-at-a-time.ts).
  const refreshConversations = useMemo(
    () =>
      oneAtATime(
        (): Promise<Conversation[] | null> =>
          getConversations().then(
            ({ conversations }) => {
              dispatch({ type: 'conversationsLoaded', conversations });
              setConversationsError(null);
              return conversations;
            },
            (error: unknown) => {
              setConversationsError(describeError(error));
              return null;
            },
          ),
      ),
    [],
  );

  /** One outbox entry to the server: null when done with it, or why it could not get through now (try again later, in order). */
  const deliver = useCallback(
    async (entry: OutboxEntry): Promise<SendFailure | null> => {
      try {
        const message = await sendMessage(
          entry.receiverId,
          {
            clientId: entry.clientId,
            text: entry.text,
            replyTo: entry.replyTo?.id ?? null,
            file: entry.file ? { blob: entry.file.blob, name: entry.file.name } : null,
          },
          {
            socketId: socket?.id,
            onProgress: (fraction) => setUploadProgress((progress) => ({ ...progress, [entry.clientId]: fraction })),
          },
        );
        dispatch({ type: 'messageStored', message, myId, readingNow: true });
        if (!stateRef.current.conversations?.some((conversation) => conversation.user.id === entry.receiverId)) void refreshConversations();
        setOutboxEntries((entries) => entries.filter((candidate) => candidate.clientId !== entry.clientId));
        await store.remove(entry.clientId).catch(() => undefined);
        return null;
      } catch (error) {
        if (isTransient(error)) return { status: error.status, retryAfterSeconds: error.retryAfterSeconds };
        const { reason, retryable } = describeRefusal(error, entry);
        const failed: OutboxEntry = { ...entry, state: 'failed', error: reason, retryable };
        setOutboxEntries((entries) => entries.map((candidate) => (candidate.clientId === entry.clientId ? failed : candidate)));
        await store.put(failed).catch(() => undefined);
        return null;
      } finally {
        setUploadProgress((progress) => {
          if (!(entry.clientId in progress)) return progress;
          const { [entry.clientId]: _done, ...rest } = progress;
          return rest;
        });
      }
    },
    [myId, socket, store, refreshConversations, setOutboxEntries],
  );

  /**
   * Sends queued messages one at a time, oldest first, so they arrive in the order written. Stops
   * at the first that cannot get through and tries again later (sooner when the network is back).
   */
  const flush = useCallback(async () => {
    if (flushingRef.current) return;
    // Under a rate limit, a new message or a reconnect does not send early: the wait is the server's.
    const pausedUntil = sendingPausedUntil(outboxRef.current, Date.now());
    if (pausedUntil !== null) {
      clearTimeout(retryTimerRef.current);
      retryTimerRef.current = setTimeout(() => void flush(), pausedUntil - Date.now());
      return;
    }
    flushingRef.current = true;
    clearTimeout(retryTimerRef.current);
    try {
      for (let entry = nextToSend(outboxRef.current); entry; entry = nextToSend(outboxRef.current)) {
        const failure = await deliver(entry);
        const sent = entry;
        // A rate limit marks the entry paused (the composer says so); it stays queued and first in line.
        const plan = failure ? planRetry(failure, retryDelayRef.current, Date.now()) : null;
        const holdUntil = plan?.pausedUntil ?? null;
        setOutboxEntries((entries) =>
          entries.map((candidate) => (candidate.clientId === sent.clientId ? pauseEntry(candidate, holdUntil) : candidate)),
        );
        if (plan) {
          retryDelayRef.current = Math.min(retryDelayRef.current * 2, RETRY_MAX_MS);
          retryTimerRef.current = setTimeout(() => void flush(), plan.delayMs);
          return;
        }
        retryDelayRef.current = RETRY_MIN_MS;
      }
    } finally {
      flushingRef.current = false;
    }
  }, [deliver, setOutboxEntries]);

  /** Everything missed while disconnected: for each loaded thread, the messages after its newest. */
  const catchUp = useCallback(async () => {
    const threads = stateRef.current.threads;
    await Promise.all(
      Object.entries(threads).map(async ([partnerId, thread]) => {
        try {
          let after = newestMessageId(thread.messages);
          if (after === null) {
            const page = await getMessages(partnerId);
            dispatch({ type: 'pageLoaded', partnerId, ...page, page: 'latest' });
            return;
          }
          for (;;) {
            const page = await getMessages(partnerId, { after }, { limit: CATCH_UP_PAGE });
            dispatch({ type: 'pageLoaded', partnerId, ...page, page: 'newer' });
            after = newestMessageId(page.messages) ?? after;
            if (!page.hasMore) break;
          }
          // Edits, reactions and receipts missed meanwhile: the newest page again, for the thread on screen.
          if (openThreadRef.current === partnerId) {
            const latest = await getMessages(partnerId);
            dispatch({ type: 'pageLoaded', partnerId, ...latest, page: 'latest' });
          }
        } catch {
          // The next reconnect tries again; what is on screen stays.
        }
      }),
    );
  }, []);

  /** While the tab is hidden: count the message in the title, and raise a desktop alert if allowed. */
  const showAlert = useEffectEvent((message: Message, senderName: string | undefined) => {
    if (document.visibilityState !== 'hidden' || alertedRef.current.has(message.id)) return;
    alertedRef.current.add(message.id);
    setHiddenUnread((count) => count + 1);
    if (currentAlertPermission() !== 'granted') return;
    // The sender's name only, never the text: a desktop alert can be read by anyone near the screen.
    const alert = new Notification(alertTitle(senderName), { tag: `careline-message-${message.senderId}` });
    alert.onclick = () => {
      window.focus();
      alert.close();
    };
  });

  // Socket events: subscribed once per socket; handlers read the latest state through refs.
  const onNewMessage = useEffectEvent((message: Message) => {
    const partnerId = partnerOf(message, myId);
    const readingNow = openThreadRef.current === partnerId && isPageActive();
    dispatch({ type: 'messageStored', message, myId, readingNow });
    const incoming = message.senderId === partnerId;
    if (incoming) removeTyping(partnerId);
    const known = stateRef.current.conversations?.find((conversation) => conversation.user.id === partnerId);
    if (known) {
      if (incoming) showAlert(message, known.user.name);
      return;
    }
    // A new conversation: the list names the sender.
    void refreshConversations().then((conversations) => {
      if (incoming) showAlert(message, conversations?.find((conversation) => conversation.user.id === partnerId)?.user.name);
    });
  });
  const onConnect = useEffectEvent(() => {
    setConnected(true);
    void refreshConversations();
    void catchUp();
    void flush();
  });
  const onTyping = useEffectEvent(({ userId, isTyping }: { userId: string; isTyping: boolean }) => {
    if (!isTyping) return removeTyping(userId);
    clearTimeout(typingTimersRef.current.get(userId));
    // Hidden after a while without a fresh signal, in case the "stopped" never comes.
    typingTimersRef.current.set(
      userId,
      setTimeout(() => removeTyping(userId), TYPING_SHOWN_FOR_MS),
    );
    setTypingUserIds((ids) => (ids.has(userId) ? ids : new Set(ids).add(userId)));
  });

  function removeTyping(userId: string) {
    clearTimeout(typingTimersRef.current.get(userId));
    typingTimersRef.current.delete(userId);
    setTypingUserIds((ids) => {
      if (!ids.has(userId)) return ids;
      const next = new Set(ids);
      next.delete(userId);
      return next;
    });
  }

  useEffect(() => {
    if (!socket) return;
    const handleNewMessage = (message: Message) => onNewMessage(message);
    const handleUpdated = (message: Message) => dispatch({ type: 'messageUpdated', message });
    const handleRead = (receipt: { readerId: string; upTo: string; readAt: string }) => dispatch({ type: 'messagesRead', ...receipt, myId });
    const handleTyping = (update: { userId: string; isTyping: boolean }) => onTyping(update);
    const handleOnlineUsers = (userIds: string[]) => setOnlineUserIds(new Set(userIds));
    const handlePresence = ({ userId, online }: { userId: string; online: boolean }) =>
      setOnlineUserIds((ids) => {
        const next = new Set(ids);
        if (online) next.add(userId);
        else next.delete(userId);
        return next;
      });
    const handleConnect = () => onConnect();
    const handleDisconnect = () => setConnected(false);

    socket.on('newMessage', handleNewMessage);
    socket.on('messageUpdated', handleUpdated);
    socket.on('messagesRead', handleRead);
    socket.on('typing', handleTyping);
    socket.on('onlineUsers', handleOnlineUsers);
    socket.on('presence', handlePresence);
    socket.on('connect', handleConnect);
    socket.on('disconnect', handleDisconnect);
    return () => {
      socket.off('newMessage', handleNewMessage);
      socket.off('messageUpdated', handleUpdated);
      socket.off('messagesRead', handleRead);
      socket.off('typing', handleTyping);
      socket.off('onlineUsers', handleOnlineUsers);
      socket.off('presence', handlePresence);
      socket.off('connect', handleConnect);
      socket.off('disconnect', handleDisconnect);
    };
  }, [socket, myId]);

  // Start: the conversation list, and whatever the outbox kept from before a reload.
  useEffect(() => {
    let cancelled = false;
    void refreshConversations();
    void store.all().then((stored) => {
      if (cancelled || stored.length === 0) return;
      setOutboxEntries((entries) => {
        const known = new Set(entries.map((entry) => entry.clientId));
        return [...stored.filter((entry) => !known.has(entry.clientId)), ...entries];
      });
      void flush();
    });
    return () => {
      cancelled = true;
    };
  }, [store, refreshConversations, flush, setOutboxEntries]);

  // The browser's own sense of the network, and whether the page is being looked at.
  useEffect(() => {
    const onOnline = () => {
      setBrowserOnline(true);
      retryDelayRef.current = RETRY_MIN_MS;
      void flush();
    };
    const onOffline = () => setBrowserOnline(false);
    const onActivity = () => {
      const active = isPageActive();
      setPageActive(active);
      if (document.visibilityState === 'visible') setHiddenUnread(0);
    };
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOffline);
    window.addEventListener('focus', onActivity);
    window.addEventListener('blur', onActivity);
    document.addEventListener('visibilitychange', onActivity);
    return () => {
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOffline);
      window.removeEventListener('focus', onActivity);
      window.removeEventListener('blur', onActivity);
      document.removeEventListener('visibilitychange', onActivity);
    };
  }, [flush]);

  // "(2) Messages · CareLine" while messages come in unseen; the plain title once the tab is back.
  useEffect(() => {
    document.title = titleWithUnread(document.title, hiddenUnread);
  }, [hiddenUnread]);

  useEffect(() => {
    const typingTimers = typingTimersRef.current;
    return () => {
      clearTimeout(retryTimerRef.current);
      for (const timer of typingTimers.values()) clearTimeout(timer);
    };
  }, []);

  const actions = useMemo<MessageActions>(
    () => ({
      async loadThread(partnerId) {
        if (stateRef.current.threads[partnerId] || loadingRef.current.has(`latest:${partnerId}`)) return;
        loadingRef.current.add(`latest:${partnerId}`);
        try {
          const page = await getMessages(partnerId);
          dispatch({ type: 'pageLoaded', partnerId, ...page, page: 'latest' });
        } finally {
          loadingRef.current.delete(`latest:${partnerId}`);
        }
      },

      loadOlder(partnerId) {
        // A page already on its way (the list reached the top while a jump was loading) is shared.
        const inFlight = olderInFlightRef.current.get(partnerId);
        if (inFlight) return inFlight;
        const thread = stateRef.current.threads[partnerId];
        const before = thread?.messages[0]?.id;
        if (!thread?.hasOlder || !before) return Promise.resolve([]);
        const loading = getMessages(partnerId, { before }, { limit: OLDER_PAGE })
          .then((page) => {
            const action = { type: 'pageLoaded', partnerId, ...page, page: 'older' } as const;
            dispatch(action);
            // The ref follows the state in an effect; keep it current for a caller loading page after page.
            stateRef.current = messagingReducer(stateRef.current, action);
            return page.messages.map((message) => message.id);
          })
          .finally(() => olderInFlightRef.current.delete(partnerId));
        olderInFlightRef.current.set(partnerId, loading);
        return loading;
      },

      async send(partnerId, draft: Draft) {
        const now = Date.now();
        const entry: OutboxEntry = {
          clientId: newClientId(),
          senderId: myId,
          receiverId: partnerId,
          text: draft.text,
          replyTo: draft.replyTo,
          file: draft.file ? { blob: draft.file, name: draft.file.name, size: draft.file.size, type: draft.file.type } : null,
          createdAt: new Date(now).toISOString(),
          order: nextOrder(outboxRef.current, now),
          state: 'queued',
          error: null,
        };
        setOutboxEntries((entries) => [...entries, entry]);
        // Kept before sending: if the tab closes mid-way, the message is still here next time.
        await store.put(entry).catch(() => undefined);
        void flush();
      },

      retry(clientId) {
        const entry = outboxRef.current.find((candidate) => candidate.clientId === clientId);
        if (!entry) return;
        const { retryable: _refusal, ...rest } = entry;
        const queued: OutboxEntry = { ...rest, state: 'queued', error: null };
        setOutboxEntries((entries) => entries.map((candidate) => (candidate.clientId === clientId ? queued : candidate)));
        retryDelayRef.current = RETRY_MIN_MS;
        void store
          .put(queued)
          .catch(() => undefined)
          .then(() => flush());
      },

      discard(clientId) {
        setOutboxEntries((entries) => entries.filter((candidate) => candidate.clientId !== clientId));
        void store.remove(clientId).catch(() => undefined);
      },

      async edit(messageId, text) {
        dispatch({ type: 'messageUpdated', message: await editMessage(messageId, text) });
      },

      async remove(messageId) {
        dispatch({ type: 'messageUpdated', message: await deleteMessage(messageId) });
      },

      async react(messageId, emoji) {
        dispatch({ type: 'messageUpdated', message: await toggleReaction(messageId, emoji) });
      },

      markRead(partnerId) {
        const thread = stateRef.current.threads[partnerId];
        const newest = thread && newestUnreadFrom(thread.messages, partnerId);
        if (!newest || markedReadRef.current.get(partnerId) === newest.id) return;
        markedReadRef.current.set(partnerId, newest.id);
        markReadRequest(partnerId, newest.id).then(
          () => dispatch({ type: 'messagesRead', readerId: myId, upTo: newest.id, readAt: new Date().toISOString(), myId }),
          // Not marked: let the next look try again.
          () => markedReadRef.current.delete(partnerId),
        );
      },

      typing(partnerId, isTyping) {
        let throttle = typingThrottlesRef.current.get(partnerId);
        if (!throttle) {
          throttle = createTypingThrottle();
          typingThrottlesRef.current.set(partnerId, throttle);
        }
        const emit = isTyping ? throttle.keystroke(Date.now()) : throttle.stop();
        // A typing signal is only worth something now: never queued for later.
        if (emit && socket?.connected) socket.emit('typing', { to: partnerId, isTyping }, () => undefined);
      },

      setOpenThread(partnerId) {
        openThreadRef.current = partnerId;
      },

      async enableAlerts() {
        if (typeof Notification === 'undefined') return;
        setAlertPermission(await Notification.requestPermission());
      },
    }),
    [myId, socket, store, flush, setOutboxEntries],
  );

  const value = useMemo<MessageContextValue>(
    () => ({
      myId,
      online: connected && browserOnline,
      conversations: state.conversations,
      conversationsError,
      threads: state.threads,
      outbox,
      uploadProgress,
      onlineUserIds,
      typingUserIds,
      unreadTotal: totalUnread(state.conversations),
      pageActive,
      alertPermission,
      actions,
    }),
    [myId, connected, browserOnline, state, conversationsError, outbox, uploadProgress, onlineUserIds, typingUserIds, pageActive, alertPermission, actions],
  );
  return <MessageContext value={value}>{children}</MessageContext>;
}
