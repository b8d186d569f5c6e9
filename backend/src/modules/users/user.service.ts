import { canSee, NO_RELATION, type PublicUser, type Role, type UpdateProfileInput, type UserListQuery } from '@telehealth/shared';
import mongoose, { Types } from 'mongoose';
import { errors } from '../../lib/app-error.js';
import { consultedWith, relationBetween } from '../consultations/relations.js';
import type { ConsultationService } from '../consultations/consultation.service.js';
import type { FileStorage, StoredFile } from '../files/file-storage.js';
import { PUBLIC_USER_FIELDS, toPublicUser, UserModel, type UserRecord } from './user.model.js';
import { searchFilter } from './user-search.js';

export interface Viewer {
  userId: string;
  role: Role;
}

type PublicUserRecord = Omit<UserRecord, 'passwordHash'>;

/**
 * `canSee` from the shared policies written as a query, so the directory is filtered and paginated
 * by the database: a patient sees active doctors (and doctors they have consulted); a doctor sees
 * doctors and their own patients; an admin sees everyone.
 */
async function visibleTo(viewer: Viewer): Promise<Record<string, unknown>> {
  if (viewer.role === 'admin') return {};
  const consulted = [...(await consultedWith(viewer.userId))].map((id) => new Types.ObjectId(id));
  const me = new Types.ObjectId(viewer.userId);
  if (viewer.role === 'patient') {
    return {
      $or: [{ _id: me }, { role: 'doctor', active: true }, { role: 'doctor', _id: mongoose.trusted({ $in: consulted }) }],
    };
  }
  return { $or: [{ _id: me }, { role: 'doctor' }, { _id: mongoose.trusted({ $in: consulted }) }] };
}

/** Profiles and the directory. Avatars live with the files module. */
export function createUserService(deps: { consultations: ConsultationService; files: FileStorage }) {
  async function loadSelf(userId: string) {
    const user = await UserModel.findById(userId);
    if (!user) throw errors.unauthenticated();
    return user;
  }

  return {
    /**
     * The directory: newest accounts first, paginated by id (stable under inserts, and the cursor
     * is simply the last id shown). Search matches name or specialty, literally.
     */
    async list(viewer: Viewer, query: UserListQuery): Promise<{ users: PublicUser[]; nextCursor: string | null }> {
      const filter = {
        $and: [
          await visibleTo(viewer),
          searchFilter(query.search),
          query.role ? { role: query.role } : {},
          query.cursor ? { _id: mongoose.trusted({ $lt: new Types.ObjectId(query.cursor) }) } : {},
        ],
      };
      const users = await UserModel.find(filter, PUBLIC_USER_FIELDS)
        .sort({ _id: -1 })
        .limit(query.limit + 1)
        .lean<PublicUserRecord[]>();
      const page = users.slice(0, query.limit);
      const showAs = { id: viewer.userId, role: viewer.role };
      return {
        users: page.map((user) => toPublicUser(user, showAs)),
        nextCursor: users.length > query.limit ? page.at(-1)!._id.toString() : null,
      };
    },

    /** One profile; 404 when the viewer may not see it (its existence is private then). */
    async get(viewer: Viewer, id: string): Promise<PublicUser> {
      const user = await UserModel.findById(id, PUBLIC_USER_FIELDS).lean<PublicUserRecord>();
      if (!user) throw errors.notFound('No such user');
      const relation = viewer.role === 'admin' || viewer.userId === id ? NO_RELATION : await relationBetween(viewer.userId, id);
      if (!canSee({ id: viewer.userId, role: viewer.role, active: true }, { id, role: user.role, active: user.active }, relation))
        throw errors.notFound('No such user');
      return toPublicUser(user, { id: viewer.userId, role: viewer.role });
    },

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
    async setAvatar(userId: string, stored: StoredFile): Promise<PublicUser> {
      const user = await loadSelf(userId).catch(async (error: unknown) => {
        await deps.files.remove(stored.id);
        throw error;
      });
      const previous = user.avatarFileId;
      user.avatarFileId = new Types.ObjectId(stored.id);
      await user.save();
      if (previous) await deps.files.remove(previous.toString());
      return toPublicUser(user, { id: userId, role: user.role });
    },

    /** A doctor is taking patients now, or is away; patients waiting for them by name are told. */
    async setAvailability(doctorId: string, available: boolean): Promise<PublicUser> {
      const user = await loadSelf(doctorId);
      user.available = available;
      await user.save();
      await deps.consultations.doctorAvailabilityChanged(doctorId, available);
      return toPublicUser(user, { id: doctorId, role: user.role });
    },
  };
}

export type UserService = ReturnType<typeof createUserService>;
