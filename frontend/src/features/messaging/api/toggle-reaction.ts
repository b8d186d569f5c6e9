import type { Message, Reaction } from '@telehealth/shared';
import { apiFetch } from '../../../lib/api-client';

/** `POST /api/messages/:id/reactions`: adds my reaction, or takes it back. */
export async function toggleReaction(messageId: string, emoji: Reaction): Promise<Message> {
  const { message } = await apiFetch<{ message: Message }>(`/api/messages/${encodeURIComponent(messageId)}/reactions`, {
    method: 'POST',
    body: { emoji },
  });
  return message;
}
