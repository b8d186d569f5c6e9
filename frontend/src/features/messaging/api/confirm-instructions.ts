import type { Message } from '@telehealth/shared';
import { apiFetch } from '../../../lib/api-client';

/** `POST /api/messages/:id/understood`: the patient confirms instructions, once (409 after). */
export async function confirmInstructions(messageId: string): Promise<Message> {
  const { message } = await apiFetch<{ message: Message }>(`/api/messages/${encodeURIComponent(messageId)}/understood`, {
    method: 'POST',
  });
  return message;
}
