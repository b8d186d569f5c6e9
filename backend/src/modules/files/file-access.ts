import { canDownload } from '@telehealth/shared';
import type { Viewer } from '../../lib/viewer.js';
import type { StoredFile } from './file-storage.js';

/**
 * Whether the viewer may download this file: `canDownload` from the shared policies, with the
 * profile question (an avatar follows its owner's profile) asked of the users module only when
 * the policy needs it.
 */
export async function mayDownload(
  viewer: Viewer,
  file: Pick<StoredFile, 'purpose' | 'ownerId' | 'participants'>,
  maySeeProfile: (viewer: Viewer, userId: string) => Promise<boolean>,
): Promise<boolean> {
  const ownerVisible = file.purpose === 'avatar' ? await maySeeProfile(viewer, file.ownerId) : false;
  return canDownload(viewer.userId, { purpose: file.purpose, participants: file.participants }, ownerVisible);
}
