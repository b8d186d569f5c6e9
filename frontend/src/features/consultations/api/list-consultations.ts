import type { ConsultationListAnswer } from '@telehealth/shared';
import { apiFetch } from '../../../lib/api-client';

/** A patient's own consultations, or a doctor's assigned ones; newest first. */
export function listConsultations(
  options: { cursor?: string | null; signal?: AbortSignal } = {},
): Promise<ConsultationListAnswer> {
  const query = new URLSearchParams({ limit: '50' });
  if (options.cursor) query.set('cursor', options.cursor);
  return apiFetch(`/api/consultations?${query}`, options.signal ? { signal: options.signal } : {});
}
