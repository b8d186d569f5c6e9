import type { Message } from '@telehealth/shared';
import { useEffect, useState } from 'react';
import type { MessageActions } from '../context/message-context';

/**
 * Read receipts only while the thread is really being looked at: the page active and its newest
 * messages on screen (a reader who scrolled up has not seen what arrived since; the receipt waits
 * until they have). Gives the list's `onFollowingChange`.
 */
export function useReadWhileSeen(
  actions: Pick<MessageActions, 'markRead'>,
  partnerId: string,
  messages: readonly Message[] | undefined,
  pageActive: boolean,
): (following: boolean) => void {
  const [following, setFollowing] = useState(true);
  useEffect(() => {
    if (messages && pageActive && following) actions.markRead(partnerId);
  }, [actions, partnerId, messages, pageActive, following]);
  return setFollowing;
}
