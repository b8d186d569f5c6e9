import { z } from 'zod';
import { ROLES, type Role } from '../roles.js';
import { idCursorQuerySchema, nameSchema, searchTextSchema } from './common.js';
import type { WaitingNote } from './consultations.js';

/** A user as the API shows it. `email` only to the user themself and to admins. */
export interface PublicUser {
  id: string;
  name: string;
  role: Role;
  avatarUrl: string | null;
  specialty?: string;
  bio?: string;
  active: boolean;
  available?: boolean;
  createdAt: string;
  email?: string;
  /** Extension: a doctor's own word to their waiting room, shown only to that doctor (null when none). */
  waitingNote?: WaitingNote | null;
}

export const updateProfileSchema = z.strictObject({
  name: nameSchema.optional(),
  bio: z.string().trim().max(1000).optional(),
  specialty: z.string().trim().max(100).optional(),
});
export type UpdateProfileInput = z.infer<typeof updateProfileSchema>;

/** The directory, newest accounts first; `cursor` is the last id of the previous page. */
export const userListQuerySchema = idCursorQuerySchema.extend({
  search: searchTextSchema.optional(),
  role: z.enum(ROLES).optional(),
});
export type UserListQuery = z.infer<typeof userListQuerySchema>;

/** Extension to the contract: `PATCH /api/users/me/availability` (doctors: taking patients now or away). */
export const availabilitySchema = z.strictObject({ available: z.boolean() });
export type AvailabilityInput = z.infer<typeof availabilitySchema>;

export interface UserAnswer {
  user: PublicUser;
}

export interface UserListAnswer {
  users: PublicUser[];
  nextCursor: string | null;
}
