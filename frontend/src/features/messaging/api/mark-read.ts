import { apiFetch } from '../../../lib/api-client';

/** `POST /api/messages/:userId/read`: what the partner sent me, up to and including `upTo`, is read. */
export function markRead(partnerId: string, upTo: string): Promise<void> {
  return apiFetch(`/api/messages/${encodeURIComponent(partnerId)}/read`, { method: 'POST', body: { upTo } });
}
