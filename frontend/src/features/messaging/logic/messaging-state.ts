import type { Conversation, Message } from '@telehealth/shared';
import { compareMessages, countUnreadFrom, markReadUpTo, mergeMessages, replaceMessage } from './message-list';

/** One conversation's loaded messages. */
export interface Thread {
  /** stored messages, sorted, without duplicates */
  messages: Message[];
  /** older messages exist on the server beyond the first loaded one */
  hasOlder: boolean;
}

export interface MessagingState {
  /** null until the first list arrives */
  conversations: Conversation[] | null;
  /** by partner id; a thread is here once its latest page has loaded */
  threads: Record<string, Thread>;
}

export const INITIAL_STATE: MessagingState = { conversations: null, threads: {} };

export type MessagingAction =
  | { type: 'conversationsLoaded'; conversations: Conversation[] }
  /** `latest`: the newest page (first open, or a refresh); `older`: history before; `newer`: catch-up after */
  | { type: 'pageLoaded'; partnerId: string; messages: Message[]; hasMore: boolean; page: 'latest' | 'older' | 'newer' }
  /** a message stored by the server: my HTTP answer, a `newMessage` event, one of my other tabs */
  | { type: 'messageStored'; message: Message; myId: string; readingNow: boolean }
  | { type: 'messageUpdated'; message: Message }
  | { type: 'messagesRead'; readerId: string; upTo: string; readAt: string; myId: string };

/** The other person in a message, seen from me. */
export function partnerOf(message: Pick<Message, 'senderId' | 'receiverId'>, myId: string): string {
  return message.senderId === myId ? message.receiverId : message.senderId;
}

function newestFirst(a: Conversation, b: Conversation): number {
  if (!a.lastMessage || !b.lastMessage) return a.lastMessage ? -1 : b.lastMessage ? 1 : 0;
  return -compareMessages(a.lastMessage, b.lastMessage);
}

function withThread(state: MessagingState, partnerId: string, thread: Thread): MessagingState {
  return { ...state, threads: { ...state.threads, [partnerId]: thread } };
}

function updateConversation(
  conversations: Conversation[] | null,
  partnerId: string,
  change: (conversation: Conversation) => Conversation,
): Conversation[] | null {
  if (!conversations) return conversations;
  const index = conversations.findIndex((conversation) => conversation.user.id === partnerId);
  if (index === -1) return conversations;
  const next = [...conversations];
  next[index] = change(conversations[index]!);
  return next.sort(newestFirst);
}

/** A message the server stored, applied to its thread (if loaded) and to the conversation list. */
function storeMessage(state: MessagingState, message: Message, myId: string, readingNow: boolean): MessagingState {
  const partnerId = partnerOf(message, myId);
  const thread = state.threads[partnerId];
  const known = thread?.messages.some((candidate) => candidate.id === message.id) ?? false;
  const threads = thread
    ? { ...state.threads, [partnerId]: { ...thread, messages: mergeMessages(thread.messages, [message]) } }
    : state.threads;
  const incomingUnread = message.senderId === partnerId && message.readAt === null && !readingNow;
  const conversations = updateConversation(state.conversations, partnerId, (conversation) => {
    const alreadyCounted = known || conversation.lastMessage?.id === message.id;
    const newer = !conversation.lastMessage || compareMessages(conversation.lastMessage, message) <= 0;
    return {
      ...conversation,
      lastMessage: newer ? message : conversation.lastMessage,
      unreadCount: conversation.unreadCount + (incomingUnread && !alreadyCounted ? 1 : 0),
    };
  });
  return { conversations, threads };
}

/** The messaging state's transitions: plain data in, plain data out, so they are tested without React. */
export function messagingReducer(state: MessagingState, action: MessagingAction): MessagingState {
  switch (action.type) {
    case 'conversationsLoaded':
      return { ...state, conversations: [...action.conversations].sort(newestFirst) };

    case 'pageLoaded': {
      const thread = state.threads[action.partnerId];
      const messages = mergeMessages(thread?.messages ?? [], action.messages);
      // Only a page read backwards says whether older history remains; a refresh of the newest
      // page says so too, but only for a thread not loaded before (else older pages are already here).
      let hasOlder = thread?.hasOlder ?? action.hasMore;
      if (action.page === 'older' || (action.page === 'latest' && !thread)) hasOlder = action.hasMore;
      return withThread(state, action.partnerId, { messages, hasOlder });
    }

    case 'messageStored':
      return storeMessage(state, action.message, action.myId, action.readingNow);

    case 'messageUpdated': {
      const partners = Object.entries(state.threads).filter(([partnerId]) =>
        [action.message.senderId, action.message.receiverId].includes(partnerId),
      );
      const threads = { ...state.threads };
      for (const [partnerId, thread] of partners)
        threads[partnerId] = { ...thread, messages: replaceMessage(thread.messages, action.message) };
      const conversations =
        state.conversations?.map((conversation) =>
          conversation.lastMessage?.id === action.message.id ? { ...conversation, lastMessage: action.message } : conversation,
        ) ?? null;
      return { conversations, threads };
    }

    case 'messagesRead': {
      const { readerId, upTo, readAt, myId } = action;
      if (readerId !== myId) {
        // The partner read what I sent.
        const thread = state.threads[readerId];
        const threads = thread
          ? { ...state.threads, [readerId]: { ...thread, messages: markReadUpTo(thread.messages, myId, upTo, readAt) } }
          : state.threads;
        const conversations = updateConversation(state.conversations, readerId, (conversation) =>
          conversation.lastMessage && conversation.lastMessage.senderId === myId && conversation.lastMessage.readAt === null
            ? { ...conversation, lastMessage: { ...conversation.lastMessage, readAt } }
            : conversation,
        );
        return { conversations, threads };
      }
      // I read (here or in another tab): find whose thread `upTo` belongs to.
      const partnerId =
        Object.keys(state.threads).find((id) => state.threads[id]!.messages.some((message) => message.id === upTo)) ??
        state.conversations?.find((conversation) => conversation.lastMessage?.id === upTo)?.user.id;
      if (!partnerId) return state;
      const thread = state.threads[partnerId];
      const messages = thread ? markReadUpTo(thread.messages, partnerId, upTo, readAt) : null;
      const threads = thread && messages ? { ...state.threads, [partnerId]: { ...thread, messages } } : state.threads;
      const conversations = updateConversation(state.conversations, partnerId, (conversation) => ({
        ...conversation,
        unreadCount:
          conversation.lastMessage?.id === upTo || !messages
            ? 0
            : Math.min(conversation.unreadCount, countUnreadFrom(messages, partnerId)),
      }));
      return { conversations, threads };
    }
  }
}

/** Unread messages across all conversations: the badge beside "Messages". */
export function totalUnread(conversations: readonly Conversation[] | null): number {
  return conversations?.reduce((sum, conversation) => sum + conversation.unreadCount, 0) ?? 0;
}
