import type { ConsentAnswer } from '@telehealth/shared';
import { apiFetch } from '../../../lib/api-client';

/** The clinic's current telehealth consent (an admin accepts none, so `accepted` is null). */
export function getConsent(signal?: AbortSignal): Promise<ConsentAnswer> {
  return apiFetch('/api/consent', signal ? { signal } : {});
}
