import type { Conversation, Message } from '@telehealth/shared';
import type { Dispatch, RefObject } from 'react';
import type { AppSocket } from '../../../lib/socket';
import { useSocketEvents } from '../../../lib/use-socket-events';
import { messageAlert, type MessageAlert } from '../logic/labels';
import { partnerOf, type MessagingAction, type MessagingState } from '../logic/messaging-state';
import { isPageActive } from './use-page-activity';

export interface LiveMessageOptions {
  myId: string;
  stateRef: RefObject<MessagingState>;
  dispatch: Dispatch<MessagingAction>;
  /** the thread on screen, if any: a message there is read as it arrives (while the page is looked at) */
  openThread: RefObject<string | null>;
  refreshConversations: () => Promise<Conversation[] | null>;
  /** the sender stopped typing: their message is here */
  stopShowingTyping: (userId: string) => void;
  /** a message from someone else arrived: the app decides whether to tell the person (features/notifications) */
  onAlert?: ((alert: MessageAlert) => void) | undefined;
}

/** Messages as the server stores and changes them (`newMessage`, `messageUpdated`), into the state. */
export function useLiveMessages(socket: AppSocket | null, options: LiveMessageOptions): void {
  useSocketEvents(socket, {
    newMessage: (message) => receive(message, options),
    messageUpdated: (message) => options.dispatch({ type: 'messageUpdated', message }),
  });
}

function receive(
  message: Message,
  { myId, stateRef, dispatch, openThread, refreshConversations, stopShowingTyping, onAlert }: LiveMessageOptions,
) {
  const partnerId = partnerOf(message, myId);
  const readingNow = openThread.current === partnerId && isPageActive();
  dispatch({ type: 'messageStored', message, myId, readingNow });
  // Mine from another tab or device, or a consultation's mark the server wrote: stored, nothing to announce.
  const incoming = message.senderId === partnerId && message.kind !== 'system';
  if (incoming) stopShowingTyping(partnerId);
  const nameIn = (conversations: Conversation[] | null | undefined) =>
    conversations?.find((conversation) => conversation.user.id === partnerId)?.user.name;
  const known = nameIn(stateRef.current.conversations);
  if (known !== undefined) {
    if (incoming) onAlert?.(messageAlert(message, known));
    return;
  }
  // A new conversation: the list names the sender.
  void refreshConversations().then((conversations) => {
    if (incoming) onAlert?.(messageAlert(message, nameIn(conversations)));
  });
}
