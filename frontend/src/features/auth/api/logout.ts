import { apiFetch } from '../../../lib/api-client';

/** Ends the session on the server: the cookie is cleared and the token refused from now on. */
export function logout(): Promise<void> {
  return apiFetch('/api/auth/logout', { method: 'POST' });
}
