import type { Conversation, Reaction, ReplyPreview } from '@telehealth/shared';
import { createContext, useContext } from 'react';
import type { Thread } from '../logic/messaging-state';
import type { OutboxEntry } from '../logic/outbox';

/** Whether desktop alerts may be shown: the browser's answer, or `unsupported`. */
export type AlertPermission = NotificationPermission | 'unsupported';

export interface Draft {
  text: string;
  replyTo: ReplyPreview | null;
  file: File | null;
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
  /** marks the partner's messages read up to the newest loaded one, if any is unread */
  markRead(partnerId: string): void;
  /** tells the partner I am (or stopped) typing; throttled */
  typing(partnerId: string, isTyping: boolean): void;
  /** the thread on screen, so messages there are not counted unread */
  setOpenThread(partnerId: string | null): void;
  /** asks the browser for desktop alerts; only ever on a click */
  enableAlerts(): Promise<void>;
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
  onlineUserIds: ReadonlySet<string>;
  typingUserIds: ReadonlySet<string>;
  unreadTotal: number;
  /** the page is visible and focused: what is on screen is being read */
  pageActive: boolean;
  alertPermission: AlertPermission;
  actions: MessageActions;
}

export const MessageContext = createContext<MessageContextValue | null>(null);

/** Conversations, threads and the actions on them, live. */
export function useMessages(): MessageContextValue {
  const value = useContext(MessageContext);
  if (!value) throw new Error('useMessages must be used inside <MessageProvider>');
  return value;
}
