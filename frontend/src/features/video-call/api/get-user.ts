import type { PublicUser } from '@telehealth/shared';
import { apiFetch } from '../../../lib/api-client';

/** `GET /api/users/:id`: who a call button calls, when the page knows only their id. */
export async function getUser(userId: string, signal?: AbortSignal): Promise<PublicUser> {
  const { user } = await apiFetch<{ user: PublicUser }>(`/api/users/${encodeURIComponent(userId)}`, { signal });
  return user;
}
