import type { ConsultationAnswer } from '@telehealth/shared';
import { apiFetch } from '../../../lib/api-client';

/** A doctor takes a waiting request; 409 when another doctor was quicker. */
export function acceptConsultation(id: string): Promise<ConsultationAnswer> {
  return apiFetch(`/api/consultations/${encodeURIComponent(id)}/accept`, { method: 'POST' });
}
