import type { Role, UserListAnswer } from '@telehealth/shared';
import { apiFetch } from '../../../lib/api-client';

export interface UserFilters {
  search: string;
  role: Role | '';
  active: 'true' | 'false' | '';
}

/** Every account with emails, newest first; `cursor` continues a previous page. */
export function listUsers(filters: UserFilters, cursor: string | null, signal?: AbortSignal): Promise<UserListAnswer> {
  const query = new URLSearchParams({ limit: '25' });
  if (filters.search.trim()) query.set('search', filters.search.trim());
  if (filters.role) query.set('role', filters.role);
  if (filters.active) query.set('active', filters.active);
  if (cursor) query.set('cursor', cursor);
  return apiFetch(`/api/admin/users?${query}`, signal ? { signal } : {});
}
