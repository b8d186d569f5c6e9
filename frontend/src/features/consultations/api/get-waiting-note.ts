import type { UserAnswer, WaitingNote } from '@telehealth/shared';
import { apiFetch } from '../../../lib/api-client';

/**
 * The note this doctor has up now, read from their own account (`GET /api/auth/me`, which shows a
 * doctor their own `waitingNote`): the desk asks itself rather than take it from the app, since the
 * note changes here and the app's copy of the user would be stale after a post.
 */
export async function getOwnWaitingNote(signal?: AbortSignal): Promise<WaitingNote | null> {
  const { user } = await apiFetch<UserAnswer>('/api/auth/me', signal ? { signal } : {});
  return user.waitingNote ?? null;
}
