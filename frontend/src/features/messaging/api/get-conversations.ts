import type { Conversation } from '@telehealth/shared';
import { apiFetch } from '../../../lib/api-client';

/** `GET /api/messages/conversations`: newest activity first, with unread counts. */
export function getConversations(signal?: AbortSignal): Promise<{ conversations: Conversation[] }> {
  return apiFetch('/api/messages/conversations', { signal });
}
