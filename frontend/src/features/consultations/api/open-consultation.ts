import type { ConsultationAnswer, OpenConsultationInput } from '@telehealth/shared';
import { apiFetch } from '../../../lib/api-client';

/** A patient asks to be seen; 409 if they already have one waiting or active. */
export function openConsultation(input: OpenConsultationInput): Promise<ConsultationAnswer> {
  return apiFetch('/api/consultations', { method: 'POST', body: input });
}
