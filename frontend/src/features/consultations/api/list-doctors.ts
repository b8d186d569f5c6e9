import type { UserListAnswer } from '@telehealth/shared';
import { apiFetch } from '../../../lib/api-client';

/** The doctors a patient may ask for, with whether each is taking patients now. */
export function listDoctors(signal?: AbortSignal): Promise<UserListAnswer> {
  return apiFetch('/api/users?role=doctor&limit=100', signal ? { signal } : {});
}
