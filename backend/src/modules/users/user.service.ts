import type { PublicUser, UpdateProfileInput, UserListQuery } from '@telehealth/shared';
import { Types } from 'mongoose';
import { errors } from '../../lib/app-error.js';
import type { Viewer } from '../../lib/viewer.js';
import { loadAccount } from './user-accounts.js';
import { createUserDirectory, type DirectoryDeps, type DirectoryPage } from './user-directory.js';
import { toPublicUser } from './user.model.js';

export interface UserServiceDeps extends DirectoryDeps {
  /** removes a stored file (files module): the avatar a new one replaces */
  removeFile(fileId: string): Promise<void>;
  /** tells patients waiting for this doctor by name (consultations module) */
  doctorAvailabilityChanged(doctorId: string, available: boolean): Promise<void>;
}

/** A stored picture, already checked (files/upload.ts). */
export interface StoredAvatar {
  id: string;
}

/** Profiles and the directory (user-directory.ts). Avatars are stored by the files module. */
export function createUserService(deps: UserServiceDeps) {
  const directory = createUserDirectory(deps);

  async function loadSelf(userId: string) {
    const user = await loadAccount(userId);
    if (!user) throw errors.unauthenticated();
    return user;
  }

  return {
    list: (viewer: Viewer, query: UserListQuery): Promise<DirectoryPage> => directory.list(viewer, query),
    get: (viewer: Viewer, id: string): Promise<PublicUser> => directory.get(viewer, id),
    maySeeProfile: (viewer: Viewer, id: string): Promise<boolean> => directory.maySeeProfile(viewer, id),

    /** A user edits their own name, bio and (doctors) specialty; nothing else is editable here. */
    async updateProfile(userId: string, input: UpdateProfileInput): Promise<PublicUser> {
      const user = await loadSelf(userId);
      if (input.specialty !== undefined && user.role !== 'doctor')
        throw errors.validation([{ path: 'specialty', message: 'only doctors have a specialty' }]);
      if (input.name !== undefined) user.name = input.name;
      if (input.bio !== undefined) user.bio = input.bio;
      if (input.specialty !== undefined) user.specialty = input.specialty;
      // save(), not updateOne(): the model's pre-save hook keeps `searchText` in step with name and specialty.
      await user.save();
      return toPublicUser(user, { id: userId, role: user.role });
    },

    /**
     * Replaces the user's avatar with an image already checked and stored (files/upload.ts), then
     * removes the old one, so a failure half-way leaves the previous avatar in place rather than none.
     */
    async setAvatar(userId: string, stored: StoredAvatar): Promise<PublicUser> {
      const user = await loadSelf(userId).catch(async (error: unknown) => {
        await deps.removeFile(stored.id);
        throw error;
      });
      const previous = user.avatarFileId;
      user.avatarFileId = new Types.ObjectId(stored.id);
      await user.save();
      if (previous) await deps.removeFile(previous.toString());
      return toPublicUser(user, { id: userId, role: user.role });
    },

    /** A doctor is taking patients now, or is away; patients waiting for them by name are told. */
    async setAvailability(doctorId: string, available: boolean): Promise<PublicUser> {
      const user = await loadSelf(doctorId);
      user.available = available;
      // A note to the waiting room speaks for a doctor who is there: it goes when they go.
      if (!available) user.waitingNote = null;
      await user.save();
      await deps.doctorAvailabilityChanged(doctorId, available);
      return toPublicUser(user, { id: doctorId, role: user.role });
    },
  };
}

export type UserService = ReturnType<typeof createUserService>;
