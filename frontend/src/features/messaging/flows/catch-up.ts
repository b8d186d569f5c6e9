import type { Dispatch } from 'react';
import type { MessagingApi } from '../api/messaging-api';
import { newestMessageId } from '../logic/message-list';
import type { MessagingAction, Thread } from '../logic/messaging-state';

export const CATCH_UP_PAGE = 100;

export interface CatchUpDeps {
  getMessages: MessagingApi['getMessages'];
  dispatch: Dispatch<MessagingAction>;
  /** the thread on screen now (read when its catch-up ends) */
  openThread: () => string | null;
}

/**
 * Everything missed while disconnected: for each loaded thread, the messages after its newest,
 * page after page. A thread that fails stays as it is on screen; the next reconnect tries again.
 */
export async function catchUp(threads: Record<string, Thread>, deps: CatchUpDeps): Promise<void> {
  await Promise.all(
    Object.entries(threads).map(([partnerId, thread]) => catchUpThread(partnerId, thread, deps).catch(() => undefined)),
  );
}

async function catchUpThread(
  partnerId: string,
  thread: Thread,
  { getMessages, dispatch, openThread }: CatchUpDeps,
): Promise<void> {
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
  if (openThread() === partnerId) {
    const latest = await getMessages(partnerId);
    dispatch({ type: 'pageLoaded', partnerId, ...latest, page: 'latest' });
  }
}
