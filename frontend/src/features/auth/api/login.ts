import type { LoginInput, PublicUser } from '@telehealth/shared';
import { apiFetch } from '../../../lib/api-client';

/** Signs in; the session travels in an httpOnly cookie the page never sees. */
export function login(input: LoginInput): Promise<{ user: PublicUser }> {
  return apiFetch('/api/auth/login', { method: 'POST', body: input });
}
