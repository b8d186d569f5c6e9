import type { QueueAnswer } from '@telehealth/shared';
import { apiFetch } from '../../../lib/api-client';

/** The waiting requests this doctor may take, urgent first, then oldest. */
export function getQueue(signal?: AbortSignal): Promise<QueueAnswer> {
  return apiFetch('/api/consultations/queue', signal ? { signal } : {});
}
