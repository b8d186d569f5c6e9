import mongoose, { Types } from 'mongoose';
import { createBatchLoader, createIdLoader } from '../../lib/batch-loader.js';
import { PUBLIC_USER_FIELDS, UserModel, type PublicUserRecord, type UserRecord } from './user.model.js';

/*
 * How every other module reads users: the database's cost rules live here, once.
 *
 * On FerretDB (the embedded database) only an `_id` equality is answered from an index (with the
 * build patched in backend/scripts/setup-ferretdb.sh); any other filter is a scan of the whole
 * collection, and an `$in` checks every document against every key. So a user is read by `_id`,
 * one key at a time, and callers asking together share a bounded number of such lookups
 * (createIdLoader): a thousand sockets connecting at once are a thousand index lookups, never a
 * thousand scans, and never one `$in` over every account. The one read that cannot be by `_id`
 * (an email at login) is batched instead, so logins arriving together cost one scan, not one each.
 * Every loader answers a caller only from a read that started after it asked (batch-loader.ts), so
 * a value just written is the one read.
 */

/** What the policies need to know about an account. */
export interface UserStatus {
  role: UserRecord['role'];
  active: boolean;
}

const publicUsers = createIdLoader<string, PublicUserRecord>(
  async (id) => (await UserModel.findById(id, PUBLIC_USER_FIELDS).lean<PublicUserRecord>()) ?? undefined,
);

const statuses = createIdLoader<string, UserStatus>(async (id) => {
  const row = await UserModel.findById(id, { role: 1, active: 1 }).lean();
  return row ? { role: row.role, active: row.active } : undefined;
});

const accountsByEmail = createBatchLoader<string, UserRecord>(async (emails) => {
  const users = await UserModel.find({ email: mongoose.trusted({ $in: emails }) }).lean<UserRecord[]>();
  return new Map(users.map((user) => [user.email, user]));
});

/** One user by id, or undefined (a malformed id included). */
export async function readPublicUser(id: string): Promise<PublicUserRecord | undefined> {
  if (!Types.ObjectId.isValid(id)) return undefined;
  return publicUsers.load(id);
}

/** Users by id (those that exist), each read by `_id`. */
export async function readPublicUsers(ids: Iterable<string>): Promise<Map<string, PublicUserRecord>> {
  const wanted = [...new Set(ids)].filter((id) => Types.ObjectId.isValid(id));
  const users = await Promise.all(wanted.map((id) => publicUsers.load(id)));
  return new Map(users.flatMap((user) => (user ? [[user._id.toString(), user] as const] : [])));
}

/** An account's role and active flag, read by `_id` (the session store caches it). */
export async function readUserStatus(id: string): Promise<UserStatus | undefined> {
  if (!Types.ObjectId.isValid(id)) return undefined;
  return statuses.load(id);
}

/** The account behind an email, password hash included (login only). */
export function readAccountByEmail(email: string): Promise<UserRecord | undefined> {
  return accountsByEmail.load(email);
}

/** How many doctors are taking patients right now (not a hot path: the patients' home page). */
export function countAvailableDoctors(): Promise<number> {
  return UserModel.countDocuments({ role: 'doctor', active: true, available: true });
}

/** How many accounts have this role (the admin's numbers). */
export function countUsersWithRole(role: UserRecord['role']): Promise<number> {
  return UserModel.countDocuments({ role });
}
