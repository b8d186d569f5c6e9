import type { UpdateAccountInput, UserAnswer } from '@telehealth/shared';
import { apiFetch } from '../../../lib/api-client';

/** Changes a role or (de)activates an account; deactivating signs the person out everywhere at once. */
export function updateAccount(id: string, input: UpdateAccountInput): Promise<UserAnswer> {
  return apiFetch(`/api/admin/users/${encodeURIComponent(id)}`, { method: 'PATCH', body: input });
}
