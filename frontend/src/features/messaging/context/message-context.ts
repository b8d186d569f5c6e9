import type { Conversation, Reaction, ReplyPreview } from '@telehealth/shared';
import { createContext, useContext, useMemo } from 'react';
import type { Thread } from '../logic/messaging-state';
import type { OutboxEntry } from '../logic/outbox';

export interface Draft {
  text: string;
  replyTo: ReplyPreview | null;
  file: File | null;
  /** a doctor's instructions, which the patient confirms; absent: an ordinary message */
  instructions?: boolean;
}

export interface MessageActions {
  /** loads the newest page of a thread once; rejects when it cannot (the view offers a retry) */
  loadThread(partnerId: string): Promise<void>;
  /** loads the page before the oldest loaded message; resolves with the ids it added */
  loadOlder(partnerId: string): Promise<string[]>;
  /** shows the message at once and sends it, now or when the connection is back */
  send(partnerId: string, draft: Draft): Promise<void>;
  /** sends a failed message again, with the same clientId (the server stores it once) */
  retry(clientId: string): void;
  /** gives up on a failed message */
  discard(clientId: string): void;
  edit(messageId: string, text: string): Promise<void>;
  remove(messageId: string): Promise<void>;
  react(messageId: string, emoji: Reaction): Promise<void>;
  /** the patient confirms instructions ("I understand"); the thread shows the server's answer */
  understand(messageId: string): Promise<void>;
  /** marks the partner's messages read up to the newest loaded one, if any is unread */
  markRead(partnerId: string): void;
  /** tells the partner I am (or stopped) typing; throttled */
  typing(partnerId: string, isTyping: boolean): void;
  /** the thread on screen, so messages there are not counted unread */
  setOpenThread(partnerId: string | null): void;
}

export interface MessageContextValue {
  /** null while messaging is off (signed out, or an admin, who takes no part in conversations) */
  myId: string | null;
  /** the socket is connected and the browser thinks it is online */
  online: boolean;
  conversations: Conversation[] | null;
  conversationsError: string | null;
  threads: Record<string, Thread>;
  /** my messages not yet stored by the server, in the order written */
  outbox: OutboxEntry[];
  /** upload progress by clientId, 0 to 1 */
  uploadProgress: Record<string, number>;
  /** who is online as far as the server has said (nobody while that is unknown) */
  onlineUserIds: ReadonlySet<string>;
  typingUserIds: ReadonlySet<string>;
  unreadTotal: number;
  /** the page is visible and focused: what is on screen is being read */
  pageActive: boolean;
  actions: MessageActions;
}

export const MessageContext = createContext<MessageContextValue | null>(null);

/** Conversations, threads and the actions on them, live. */
export function useMessages(): MessageContextValue {
  const value = useContext(MessageContext);
  if (!value) throw new Error('useMessages must be used inside <MessageProvider>');
  return value;
}

/** The context value, made again only when one of its fields changes. */
export function useMessageContextValue(fields: MessageContextValue): MessageContextValue {
  const { myId, online, conversations, conversationsError, threads, outbox, uploadProgress } = fields;
  const { onlineUserIds, typingUserIds, unreadTotal, pageActive, actions } = fields;
  return useMemo(
    () => ({
      myId,
      online,
      conversations,
      conversationsError,
      threads,
      outbox,
      uploadProgress,
      onlineUserIds,
      typingUserIds,
      unreadTotal,
      pageActive,
      actions,
    }),
    [
      myId,
      online,
      conversations,
      conversationsError,
      threads,
      outbox,
      uploadProgress,
      onlineUserIds,
      typingUserIds,
      unreadTotal,
      pageActive,
      actions,
    ],
  );
}
