import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../../../lib/api-client';
import { describeError } from '../../../lib/error-message';
import type { MessageActions } from '../context/message-context';

export interface ThreadLoad {
  /** why the newest page could not be loaded (the view offers Try again) */
  loadError: string | null;
  /** the server refused the thread itself: these two have no consultation that lets them talk */
  notAllowed: boolean;
  /** loads the thread again */
  retry: () => void;
}

/**
 * The thread on screen: marked open while it is (its messages are not counted unread), its newest
 * page loaded, and a 403 told apart from a failure that a retry may fix.
 */
export function useThreadLoad(actions: Pick<MessageActions, 'loadThread' | 'setOpenThread'>, partnerId: string): ThreadLoad {
  const [loadError, setLoadError] = useState<string | null>(null);
  const [notAllowed, setNotAllowed] = useState(false);

  useEffect(() => {
    actions.setOpenThread(partnerId);
    return () => actions.setOpenThread(null);
  }, [actions, partnerId]);

  const retry = useCallback(() => {
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
  useEffect(retry, [retry]);

  return { loadError, notAllowed, retry };
}
