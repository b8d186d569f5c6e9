import { useMemo, useRef, type Dispatch, type RefObject } from 'react';
import type { MessagingApi } from '../api/messaging-api';
import { messagingReducer, type MessagingAction, type MessagingState } from '../logic/messaging-state';

export const OLDER_PAGE = 50;

export interface ThreadPages {
  /** loads the newest page of a thread once; rejects when it cannot (the view offers a retry) */
  loadThread(partnerId: string): Promise<void>;
  /** loads the page before the oldest loaded message; resolves with the ids it added */
  loadOlder(partnerId: string): Promise<string[]>;
}

/** Paging through a thread: its newest page on first open, then history backwards on request. */
export function useThreadPages(
  stateRef: RefObject<MessagingState>,
  dispatch: Dispatch<MessagingAction>,
  getMessages: MessagingApi['getMessages'],
): ThreadPages {
  const loadingLatest = useRef(new Set<string>());
  const olderInFlight = useRef(new Map<string, Promise<string[]>>());

  return useMemo(
    () => ({
      async loadThread(partnerId) {
        if (stateRef.current.threads[partnerId] || loadingLatest.current.has(partnerId)) return;
        loadingLatest.current.add(partnerId);
        try {
          const page = await getMessages(partnerId);
          dispatch({ type: 'pageLoaded', partnerId, ...page, page: 'latest' });
        } finally {
          loadingLatest.current.delete(partnerId);
        }
      },

      loadOlder(partnerId) {
        // A page already on its way (the list reached the top while a jump was loading) is shared.
        const inFlight = olderInFlight.current.get(partnerId);
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
          .finally(() => olderInFlight.current.delete(partnerId));
        olderInFlight.current.set(partnerId, loading);
        return loading;
      },
    }),
    [stateRef, dispatch, getMessages],
  );
}
