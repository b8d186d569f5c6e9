import type { PublicUser } from '@telehealth/shared';
import { apiFetch } from '../../../lib/api-client';

/** The signed-in user, from the session cookie; 401 when there is no session. */
export function getMe(signal?: AbortSignal): Promise<{ user: PublicUser }> {
  return apiFetch('/api/auth/me', signal ? { signal } : {});
}
