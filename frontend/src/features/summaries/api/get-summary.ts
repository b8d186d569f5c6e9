import type { ConsultationSummary } from '@telehealth/shared';
import { apiFetch } from '../../../lib/api-client';

/** A consultation's summary, for its patient or its doctor: 404 for anyone else, 409 before a doctor took it or once cancelled. */
export function getSummary(consultationId: string, signal?: AbortSignal): Promise<{ summary: ConsultationSummary }> {
  return apiFetch(`/api/consultations/${encodeURIComponent(consultationId)}/summary`, signal ? { signal } : {});
}
