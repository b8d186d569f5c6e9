import type { UserAnswer } from '@telehealth/shared';
import { apiFetch } from '../../../lib/api-client';

/** A doctor is taking patients now, or is away (`PATCH /api/users/me/availability`, an extension). */
export function setAvailability(available: boolean): Promise<UserAnswer> {
  return apiFetch('/api/users/me/availability', { method: 'PATCH', body: { available } });
}
