import type { PublicUser, RegisterInput } from '@telehealth/shared';
import { apiFetch } from '../../../lib/api-client';

/** Creates a patient account and signs it in. */
export function register(input: RegisterInput): Promise<{ user: PublicUser }> {
  return apiFetch('/api/auth/register', { method: 'POST', body: input });
}
