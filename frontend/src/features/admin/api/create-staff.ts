import type { CreateStaffInput, UserAnswer } from '@telehealth/shared';
import { apiFetch } from '../../../lib/api-client';

/** Creates a doctor or admin account. */
export function createStaff(input: CreateStaffInput): Promise<UserAnswer> {
  return apiFetch('/api/admin/users', { method: 'POST', body: input });
}
