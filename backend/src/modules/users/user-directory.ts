import {
  canSee,
  NO_RELATION,
  type AdminUserListQuery,
  type PublicUser,
  type Relation,
  type UserListQuery,
} from '@telehealth/shared';
import { errors } from '../../lib/app-error.js';
import { afterCursor, pageWindow, splitPage } from '../../lib/cursor-page.js';
import type { Viewer } from '../../lib/viewer.js';
import { PUBLIC_USER_FIELDS, toPublicUser, UserModel, type PublicUserRecord } from './user.model.js';
import { readPublicUser, readPublicUsers } from './user-reads.js';
import { matchesSearch, searchFilter } from './user-search.js';

export interface DirectoryDeps {
  /** everyone a user has had a consultation with (consultations module) */
  consultedWith(userId: string): Promise<Set<string>>;
  relationBetween(userA: string, userB: string): Promise<Relation>;
}

export interface DirectoryPage {
  users: PublicUser[];
  nextCursor: string | null;
}

/**
 * The people a viewer may see by role alone, as a query: a patient sees active doctors, a doctor
 * sees doctors, an admin everyone. Who else they may see (the people they consulted) is read by
 * `_id` and merged in, never as an `$in` (user-reads.ts), and every row is then checked against
 * `canSee` from the shared policies, so the query can only narrow what the policy allows.
 */
function byRole(viewer: Viewer): Record<string, unknown> {
  if (viewer.role === 'admin') return {};
  return viewer.role === 'patient' ? { role: 'doctor', active: true } : { role: 'doctor' };
}

// Ids are hex of one length, so comparing the strings compares the ids (as the database sorts them).
const newestFirst = (a: PublicUserRecord, b: PublicUserRecord) => {
  const [left, right] = [a._id.toString(), b._id.toString()];
  return left === right ? 0 : left < right ? 1 : -1;
};

function pageFilter(query: UserListQuery): Record<string, unknown>[] {
  return [searchFilter(query.search), query.role ? { role: query.role } : {}, afterCursor(query.cursor)];
}

/** Whether a user read by id belongs on this page of the query (what `pageFilter` asks the database). */
function onPage(user: PublicUserRecord, query: UserListQuery): boolean {
  if (query.role && user.role !== query.role) return false;
  if (query.cursor && user._id.toString() >= query.cursor) return false;
  return matchesSearch(user.searchText, query.search);
}

export function createUserDirectory(deps: DirectoryDeps) {
  /** The viewer themself and the people they consulted, read by `_id`. */
  async function byRelation(viewer: Viewer, consulted: Set<string>): Promise<PublicUserRecord[]> {
    if (viewer.role === 'admin') return [];
    return [...(await readPublicUsers([viewer.userId, ...consulted])).values()];
  }

  /** The user, if `canSee` lets the viewer see them. */
  async function visibleProfile(viewer: Viewer, id: string): Promise<PublicUserRecord | undefined> {
    const user = await readPublicUser(id);
    if (!user) return undefined;
    const relation =
      viewer.role === 'admin' || viewer.userId === id ? NO_RELATION : await deps.relationBetween(viewer.userId, id);
    const visible = canSee(
      { id: viewer.userId, role: viewer.role, active: true },
      { id, role: user.role, active: user.active },
      relation,
    );
    return visible ? user : undefined;
  }

  return {
    /**
     * The directory: newest accounts first, paginated by id (stable under inserts, and the cursor
     * is simply the last id shown). Search matches name or specialty, literally.
     */
    async list(viewer: Viewer, query: UserListQuery): Promise<DirectoryPage> {
      const consulted = viewer.role === 'admin' ? new Set<string>() : await deps.consultedWith(viewer.userId);
      const [listed, related] = await Promise.all([
        UserModel.find({ $and: [byRole(viewer), ...pageFilter(query)] }, PUBLIC_USER_FIELDS, pageWindow(query.limit)).lean<
          PublicUserRecord[]
        >(),
        byRelation(viewer, consulted),
      ]);
      const asParty = { id: viewer.userId, role: viewer.role, active: true };
      const merged = new Map(
        [...listed, ...related.filter((user) => onPage(user, query))].map((user) => [user._id.toString(), user]),
      );
      const visible = [...merged.values()]
        .filter((user) =>
          canSee(
            asParty,
            { id: user._id.toString(), role: user.role, active: user.active },
            { consulted: consulted.has(user._id.toString()) },
          ),
        )
        .sort(newestFirst)
        .slice(0, query.limit + 1);
      const { page, nextCursor } = splitPage(visible, query.limit);
      return { users: page.map((user) => toPublicUser(user, { id: viewer.userId, role: viewer.role })), nextCursor };
    },

    /** One profile; 404 when the viewer may not see it (its existence is private then). */
    async get(viewer: Viewer, id: string): Promise<PublicUser> {
      const user = await visibleProfile(viewer, id);
      if (!user) throw errors.notFound('No such user');
      return toPublicUser(user, { id: viewer.userId, role: viewer.role });
    },

    /** Whether the viewer may see this user's profile (an avatar follows it: files/file-access.ts). */
    maySeeProfile: async (viewer: Viewer, id: string): Promise<boolean> => (await visibleProfile(viewer, id)) !== undefined,
  };
}

export type UserDirectory = ReturnType<typeof createUserDirectory>;

/** Every account, for admins, with emails; newest first, paginated by id. Search also matches the email. */
export async function listAllUsers(query: AdminUserListQuery): Promise<{ users: PublicUserRecord[]; nextCursor: string | null }> {
  const filter = {
    $and: [
      searchFilter(query.search, true),
      query.role ? { role: query.role } : {},
      query.active !== undefined ? { active: query.active } : {},
      afterCursor(query.cursor),
    ],
  };
  const users = await UserModel.find(filter, PUBLIC_USER_FIELDS, pageWindow(query.limit)).lean<PublicUserRecord[]>();
  const { page, nextCursor } = splitPage(users, query.limit);
  return { users: page, nextCursor };
}
