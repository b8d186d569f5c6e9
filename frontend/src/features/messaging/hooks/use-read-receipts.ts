import { useCallback, useRef, type Dispatch, type RefObject } from 'react';
import type { AppSocket } from '../../../lib/socket';
import { useSocketEvents } from '../../../lib/use-socket-events';
import type { MessagingApi } from '../api/messaging-api';
import { newestUnreadFrom } from '../logic/message-list';
import type { MessagingAction, MessagingState } from '../logic/messaging-state';

export interface ReadReceiptOptions {
  myId: string;
  stateRef: RefObject<MessagingState>;
  dispatch: Dispatch<MessagingAction>;
  markRead: MessagingApi['markRead'];
}

/**
 * Read receipts both ways: the partner's (`messagesRead` events mark my messages read), and mine,
 * through the returned `markRead(partnerId)`: the newest unread message from them, sent once.
 */
export function useReadReceipts(
  socket: AppSocket | null,
  { myId, stateRef, dispatch, markRead }: ReadReceiptOptions,
): (partnerId: string) => void {
  const marked = useRef(new Map<string, string>());
  useSocketEvents(socket, {
    messagesRead: (receipt) => dispatch({ type: 'messagesRead', ...receipt, myId }),
  });

  return useCallback(
    (partnerId: string) => {
      const thread = stateRef.current.threads[partnerId];
      const newest = thread && newestUnreadFrom(thread.messages, partnerId);
      if (!newest || marked.current.get(partnerId) === newest.id) return;
      marked.current.set(partnerId, newest.id);
      markRead(partnerId, newest.id).then(
        () => dispatch({ type: 'messagesRead', readerId: myId, upTo: newest.id, readAt: new Date().toISOString(), myId }),
        // Not marked: let the next look try again.
        () => marked.current.delete(partnerId),
      );
    },
    [myId, stateRef, dispatch, markRead],
  );
}
