import type { ConsentText, UpdateConsentInput } from '@telehealth/shared';
import { apiFetch } from '../../../lib/api-client';

/** Saves the text as the next consent version; every patient is asked to accept it before their next request. */
export function updateConsent(input: UpdateConsentInput): Promise<{ consent: ConsentText }> {
  return apiFetch('/api/admin/consent', { method: 'PUT', body: input });
}
