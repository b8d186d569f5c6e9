import mongoose, { Types } from 'mongoose';
import { readInChunks } from '../../db/id-reads.js';
import { createIdLoader } from '../../lib/batch-loader.js';
import { PUBLIC_USER_FIELDS, UserModel, type PublicUserRecord, type UserRecord } from './user.model.js';

/*
 * How every other module reads users: the database's cost rules live here, once.
 *
 * On FerretDB (the embedded database) only conditions on `_id` are answered from an index (an
 * equality, or an `$in` of ids, with the build patched in backend/scripts/setup-ferretdb.sh); any
 * other filter is a scan of the whole collection. So a user is read by `_id`: one key at a time
 * where callers ask for one, callers asking together sharing a bounded number of such lookups
 * (createIdLoader), so a thousand sockets connecting at once are a thousand index lookups, never a
 * thousand scans; and lists by `_id: {$in}` (`readPublicUsers`). An account by its email (login)
 * is an `_id` read too, through the email's row (account-emails.ts `readAccountByEmail`).
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

/** One user by id, or undefined (a malformed id included). */
export async function readPublicUser(id: string): Promise<PublicUserRecord | undefined> {
  if (!Types.ObjectId.isValid(id)) return undefined;
  return publicUsers.load(id);
}

/**
 * Users by id (those that exist): one or two through the shared loader, more in reads of
 * `_id: {$in}` (an index read on MongoDB, and on FerretDB with patch 3 of setup-ferretdb.sh), so a
 * conversation list of 100 is one query, not 100.
 */
export async function readPublicUsers(ids: Iterable<string>): Promise<Map<string, PublicUserRecord>> {
  const wanted = [...new Set(ids)].filter((id) => Types.ObjectId.isValid(id));
  const users: (PublicUserRecord | undefined)[] = [];
  if (wanted.length <= 2) users.push(...(await Promise.all(wanted.map((id) => publicUsers.load(id)))));
  else
    users.push(
      ...(await readInChunks(wanted, (chunk) =>
        UserModel.find({ _id: mongoose.trusted({ $in: chunk }) }, PUBLIC_USER_FIELDS).lean<PublicUserRecord[]>(),
      )),
    );
  return new Map(users.flatMap((user) => (user ? [[user._id.toString(), user] as const] : [])));
}

/** An account's role and active flag, read by `_id` (the session store caches it). */
export async function readUserStatus(id: string): Promise<UserStatus | undefined> {
  if (!Types.ObjectId.isValid(id)) return undefined;
  return statuses.load(id);
}

/** How many doctors are taking patients right now (not a hot path: the patients' home page). */
export function countAvailableDoctors(): Promise<number> {
  return UserModel.countDocuments({ role: 'doctor', active: true, available: true });
}

/** How many accounts have this role (the admin's numbers). */
export function countUsersWithRole(role: UserRecord['role']): Promise<number> {
  return UserModel.countDocuments({ role });
}
