import type { ConsentAnswer } from '@telehealth/shared';
import { apiFetch } from '../../../lib/api-client';

/** The clinic's current telehealth consent, and the version this patient last accepted (null: none yet). */
export function getConsent(signal?: AbortSignal): Promise<ConsentAnswer> {
  return apiFetch('/api/consent', signal ? { signal } : {});
}
