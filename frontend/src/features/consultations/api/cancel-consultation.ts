import type { ConsultationAnswer } from '@telehealth/shared';
import { apiFetch } from '../../../lib/api-client';

/** The patient withdraws a request that is still waiting. */
export function cancelConsultation(id: string): Promise<ConsultationAnswer> {
  return apiFetch(`/api/consultations/${encodeURIComponent(id)}/cancel`, { method: 'POST' });
}
