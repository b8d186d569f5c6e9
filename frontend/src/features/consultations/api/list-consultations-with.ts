import type { Consultation } from '@telehealth/shared';
import { apiFetch } from '../../../lib/api-client';

/** `GET /api/consultations/with/:userId` (backend consultations-with.ts). */
export interface PairConsultationsAnswer {
  consultations: Consultation[];
}

/** The viewer's consultations with one doctor (or patient), newest first: what the follow-up rule reads. */
export function listConsultationsWith(userId: string, signal?: AbortSignal): Promise<PairConsultationsAnswer> {
  return apiFetch(`/api/consultations/with/${encodeURIComponent(userId)}`, signal ? { signal } : {});
}
