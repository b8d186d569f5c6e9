import type { UserAnswer } from '@telehealth/shared';
import { apiFetch } from '../../../lib/api-client';

/** One account (admins see everyone), to name the people in the audit log. */
export function getUser(id: string, signal?: AbortSignal): Promise<UserAnswer> {
  return apiFetch(`/api/users/${encodeURIComponent(id)}`, signal ? { signal } : {});
}
