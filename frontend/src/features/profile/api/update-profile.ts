import type { UpdateProfileInput, UserAnswer } from '@telehealth/shared';
import { apiFetch } from '../../../lib/api-client';

/** The signed-in user edits their name, bio and (doctors) specialty. */
export function updateProfile(input: UpdateProfileInput): Promise<UserAnswer> {
  return apiFetch('/api/users/me', { method: 'PATCH', body: input });
}
