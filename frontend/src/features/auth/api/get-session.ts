import type { PublicUser } from '@telehealth/shared';
import { apiFetch } from '../../../lib/api-client';

/** Who the session cookie signs in, or null: never a 401, so a signed-out visit logs no error. */
export function getSession(signal?: AbortSignal): Promise<{ user: PublicUser | null }> {
  return apiFetch('/api/auth/session', signal ? { signal } : {});
}
