import type { DoctorsAvailableAnswer } from '@telehealth/shared';
import { apiFetch } from '../../../lib/api-client';

/** How many doctors are taking patients right now (`GET /api/consultations/doctors-available`, an extension). */
export function countAvailableDoctors(signal?: AbortSignal): Promise<DoctorsAvailableAnswer> {
  return apiFetch('/api/consultations/doctors-available', signal ? { signal } : {});
}
