import type { CompleteConsultationInput, ConsultationAnswer } from '@telehealth/shared';
import { apiFetch } from '../../../lib/api-client';

/** Its doctor ends an active consultation, with notes the patient can read. */
export function completeConsultation(id: string, input: CompleteConsultationInput): Promise<ConsultationAnswer> {
  return apiFetch(`/api/consultations/${encodeURIComponent(id)}/complete`, { method: 'POST', body: input });
}
