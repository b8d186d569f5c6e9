import type { WaitingNoteAnswer } from '@telehealth/shared';
import { apiFetch } from '../../../lib/api-client';

/** A doctor's word to their waiting room (`PUT /api/consultations/waiting-note`); "" takes it down. */
export function setWaitingNote(text: string): Promise<WaitingNoteAnswer> {
  return apiFetch('/api/consultations/waiting-note', { method: 'PUT', body: { text } });
}
