import type { AuditAction } from '@telehealth/shared';

/** Each audit action as a person reads it. */
export const AUDIT_LABELS: Record<AuditAction, string> = {
  'login.success': 'Signed in',
  'login.failure': 'Failed sign-in',
  logout: 'Signed out',
  'password.change': 'Changed password',
  'account.created': 'Created account',
  'role.changed': 'Changed role',
  'account.deactivated': 'Deactivated account',
  'account.reactivated': 'Reactivated account',
  'password.reset': 'Reset password',
  'consent.updated': 'Saved a new telehealth consent',
  'consent.accepted': 'Accepted the telehealth consent',
};
