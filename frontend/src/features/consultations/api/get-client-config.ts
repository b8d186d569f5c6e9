import { apiFetch } from '../../../lib/api-client';

/**
 * What this feature reads of `GET /api/client-config` (the backend's `ClientConfigAnswer`, which
 * the gestures feature mirrors for its own field: features don't import each other).
 */
export interface FollowUpConfig {
  /** days a patient may still write after a consultation (`FOLLOW_UP_DAYS` on the server) */
  followUpDays: number;
}

/** `GET /api/client-config`: settings the server decides for the browser. */
export function getClientConfig(signal?: AbortSignal): Promise<FollowUpConfig> {
  return apiFetch<FollowUpConfig>('/api/client-config', signal ? { signal } : {});
}
