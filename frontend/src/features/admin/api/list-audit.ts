import type { AuditListAnswer } from '@telehealth/shared';
import { apiFetch } from '../../../lib/api-client';

/** The audit log, newest first. */
export function listAudit(cursor: string | null, signal?: AbortSignal): Promise<AuditListAnswer> {
  const query = new URLSearchParams({ limit: '25' });
  if (cursor) query.set('cursor', cursor);
  return apiFetch(`/api/admin/audit?${query}`, signal ? { signal } : {});
}
