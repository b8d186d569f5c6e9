import type { PendingInstructionsAnswer } from '@telehealth/shared';
import { apiFetch } from '../../../lib/api-client';

/** `GET /api/messages/instructions/pending`: a patient's unconfirmed instructions from every doctor, oldest first. */
export function getPendingInstructions(signal?: AbortSignal): Promise<PendingInstructionsAnswer> {
  return apiFetch('/api/messages/instructions/pending', { signal });
}
