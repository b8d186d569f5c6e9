import type { PublicUser } from '@telehealth/shared';
import { apiFetch } from '../../../lib/api-client';

/** `GET /api/auth/session`: who is signed in, for their own name and picture in the call. */
export async function getSelf(signal?: AbortSignal): Promise<PublicUser | null> {
  const { user } = await apiFetch<{ user: PublicUser | null }>('/api/auth/session', signal ? { signal } : {});
  return user;
}
