import { oneAtATime, type Conversation } from '@telehealth/shared';
import { useEffect, useMemo, useState, type Dispatch } from 'react';
import { describeError } from '../../../lib/error-message';
import type { MessagingApi } from '../api/messaging-api';
import type { MessagingAction } from '../logic/messaging-state';

export interface Conversations {
  /** why the list could not be read, until it can */
  error: string | null;
  /** reads the list again; resolves with it, or null when it could not be read */
  refresh: () => Promise<Conversation[] | null>;
}

/** The conversation list: read on start, and again when asked (a reconnect, a message from someone new). */
export function useConversations(
  dispatch: Dispatch<MessagingAction>,
  getConversations: MessagingApi['getConversations'],
): Conversations {
  const [error, setError] = useState<string | null>(null);
  // One list request at a time: messages arriving meanwhile share one follow-up (shared one-at-a-time.ts).
  const refresh = useMemo(
    () =>
      oneAtATime((): Promise<Conversation[] | null> =>
        getConversations().then(
          ({ conversations }) => {
            dispatch({ type: 'conversationsLoaded', conversations });
            setError(null);
            return conversations;
          },
          (failure: unknown) => {
            setError(describeError(failure));
            return null;
          },
        ),
      ),
    [dispatch, getConversations],
  );
  useEffect(() => {
    void refresh();
  }, [refresh]);
  return { error, refresh };
}
