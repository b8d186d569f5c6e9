import type { AdminStats } from '@telehealth/shared';
import { apiFetch } from '../../../lib/api-client';

/** Counts by role and status, the average wait, and consultations per day. */
export function getStats(signal?: AbortSignal): Promise<AdminStats> {
  return apiFetch('/api/admin/stats', signal ? { signal } : {});
}
