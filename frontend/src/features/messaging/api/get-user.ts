import type { PublicUser } from '@telehealth/shared';
import { apiFetch } from '../../../lib/api-client';

/** `GET /api/users/:id`: who a new conversation is with, before any message names them. */
export async function getUser(userId: string, signal?: AbortSignal): Promise<PublicUser> {
  const { user } = await apiFetch<{ user: PublicUser }>(`/api/users/${encodeURIComponent(userId)}`, { signal });
  return user;
}
