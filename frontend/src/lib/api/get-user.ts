import type { PublicUser, UserAnswer } from '@telehealth/shared';
import { apiFetch } from '../api-client';

/**
 * `GET /api/users/:id`: one account as this viewer may see it (who a call button calls, who is
 * named in the audit log). Shared by features, which may not import each other's API calls.
 */
export async function getUser(userId: string, signal?: AbortSignal): Promise<PublicUser> {
  const { user } = await apiFetch<UserAnswer>(`/api/users/${encodeURIComponent(userId)}`, signal ? { signal } : {});
  return user;
}
