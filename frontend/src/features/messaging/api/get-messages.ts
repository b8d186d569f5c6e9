import type { Message } from '@telehealth/shared';
import { apiFetch } from '../../../lib/api-client';

export interface MessagePage {
  /** ascending time */
  messages: Message[];
  /** more beyond this page, in the direction read */
  hasMore: boolean;
}

/**
 * `GET /api/messages/:userId`: without a cursor the newest page; `before` reads history backwards,
 * `after` reads forwards from a message (catching up after a reconnect).
 */
export function getMessages(
  partnerId: string,
  cursor: { before?: string; after?: string } = {},
  options: { limit?: number; signal?: AbortSignal } = {},
): Promise<MessagePage> {
  const query = new URLSearchParams();
  if (cursor.before) query.set('before', cursor.before);
  if (cursor.after) query.set('after', cursor.after);
  if (options.limit) query.set('limit', String(options.limit));
  const search = query.size > 0 ? `?${query.toString()}` : '';
  return apiFetch(`/api/messages/${encodeURIComponent(partnerId)}${search}`, { signal: options.signal });
}
