import type { ConsentAcceptanceAnswer } from '@telehealth/shared';
import { apiFetch } from '../../../lib/api-client';

/** The patient accepts the version they read; 409 CONSENT_OUTDATED if a newer one was written meanwhile. */
export function acceptConsent(version: number): Promise<ConsentAcceptanceAnswer> {
  return apiFetch('/api/consent/accept', { method: 'POST', body: { version } });
}
