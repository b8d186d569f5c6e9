import type { PublicUser } from '@telehealth/shared';
import { useEffect, useState } from 'react';
import { describeError } from '../../../lib/error-message';
import { getUser } from '../../../lib/api/get-user';
import { useMessages } from '../context/message-context';

/**
 * Who a thread is with: from the conversation list when it is there, otherwise asked for (a first
 * message to someone has no conversation yet).
 */
export function usePartner(partnerId: string): { partner: PublicUser | null; error: string | null } {
  const { conversations } = useMessages();
  const listed = conversations?.find((conversation) => conversation.user.id === partnerId)?.user ?? null;
  const [fetched, setFetched] = useState<{ id: string; user: PublicUser | null; error: string | null } | null>(null);

  useEffect(() => {
    if (listed) return;
    const controller = new AbortController();
    getUser(partnerId, controller.signal).then(
      (user) => setFetched({ id: partnerId, user, error: null }),
      (error: unknown) => {
        if (!controller.signal.aborted) setFetched({ id: partnerId, user: null, error: describeError(error) });
      },
    );
    return () => controller.abort();
  }, [partnerId, listed]);

  if (listed) return { partner: listed, error: null };
  if (fetched?.id === partnerId) return { partner: fetched.user, error: fetched.error };
  return { partner: null, error: null };
}
