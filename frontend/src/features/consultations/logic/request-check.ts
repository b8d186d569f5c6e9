import { openConsultationSchema, type OpenConsultationInput } from '@telehealth/shared';
import { ApiError } from '../../../lib/api-client';
import type { ValidationIssues } from '../../../lib/form-errors';

/** The request form's checkbox: present in the form's data only when ticked. */
export const CONSENT_FIELD = 'consent';

export const CONSENT_UNTICKED = 'Tick the box to accept the telehealth consent before asking for a consultation';

export const CONSENT_CHANGED = 'The clinic updated its telehealth consent; please read and accept it again.';

type Checked = { success: true; data: OpenConsultationInput } | { success: false; error: ValidationIssues };

/**
 * What the request form checks before anything is sent: the shared schema the server applies,
 * and, while the patient has not accepted the current consent, its checkbox. Both sets of
 * problems are reported together, in the form's order, so one press shows everything to fix.
 */
export function requestFormCheck(needsConsent: boolean) {
  return {
    safeParse(fields: unknown): Checked {
      const { [CONSENT_FIELD]: ticked, ...request } =
        typeof fields === 'object' && fields !== null ? (fields as Record<string, unknown>) : {};
      const parsed = openConsultationSchema.safeParse(request);
      const consentIssues = needsConsent && ticked === undefined ? [{ path: [CONSENT_FIELD], message: CONSENT_UNTICKED }] : [];
      if (parsed.success && consentIssues.length === 0) return { success: true, data: parsed.data };
      return { success: false, error: { issues: [...(parsed.success ? [] : parsed.error.issues), ...consentIssues] } };
    },
  };
}

/** The server refused because the consent changed after the page read it: a new version to read. */
export function isConsentChange(error: unknown): boolean {
  return error instanceof ApiError && (error.code === 'CONSENT_REQUIRED' || error.code === 'CONSENT_OUTDATED');
}
