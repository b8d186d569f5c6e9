import type { Message } from '@telehealth/shared';
import { apiFetch } from '../../../lib/api-client';

/** `PATCH /api/messages/:id`: the sender rewrites a text within the edit window. */
export async function editMessage(messageId: string, text: string): Promise<Message> {
  const { message } = await apiFetch<{ message: Message }>(`/api/messages/${encodeURIComponent(messageId)}`, {
    method: 'PATCH',
    body: { text },
  });
  return message;
}
