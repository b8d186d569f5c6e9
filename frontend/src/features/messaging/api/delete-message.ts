import type { Message } from '@telehealth/shared';
import { apiFetch } from '../../../lib/api-client';

/** `DELETE /api/messages/:id`: soft delete; the message stays in place as a tombstone. */
export async function deleteMessage(messageId: string): Promise<Message> {
  const { message } = await apiFetch<{ message: Message }>(`/api/messages/${encodeURIComponent(messageId)}`, {
    method: 'DELETE',
  });
  return message;
}
