import type { PasswordChangeInput } from '@telehealth/shared';
import { apiFetch } from '../../../lib/api-client';

/** `POST /api/auth/password`: this session stays signed in, every other one is signed out. */
export function changePassword(input: PasswordChangeInput): Promise<void> {
  return apiFetch('/api/auth/password', { method: 'POST', body: input });
}
