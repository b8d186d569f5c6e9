import type { UserAnswer } from '@telehealth/shared';
import { apiFetch } from '../../../lib/api-client';

/** Replaces the signed-in user's picture (multipart field `avatar`: png, jpeg or webp). */
export function uploadAvatar(file: File): Promise<UserAnswer> {
  const formData = new FormData();
  formData.set('avatar', file);
  return apiFetch('/api/users/me/avatar', { method: 'PUT', formData });
}
