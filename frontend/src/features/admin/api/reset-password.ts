import { apiFetch } from '../../../lib/api-client';

/** Sets a new password for someone and ends their sessions. */
export function resetPassword(id: string, password: string): Promise<void> {
  return apiFetch(`/api/admin/users/${encodeURIComponent(id)}/password`, { method: 'POST', body: { password } });
}
