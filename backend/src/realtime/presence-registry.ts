import type { Role } from '@telehealth/shared';

/**
 * Who is online: userId → their open sockets (a user may have several tabs).
 * `add` says whether this was the user's first socket and `remove` whether it was the last, so
 * presence changes are announced exactly once per user, not once per tab.
 * The in-process registry serves one instance; a Redis-backed one implements the same interface
 * when several instances run.
 */
export interface PresenceRegistry {
  add(userId: string, role: Role, socketId: string): Promise<{ first: boolean }>;
  remove(userId: string, socketId: string): Promise<{ last: boolean }>;
  isOnline(userId: string): Promise<boolean>;
  /** every online user with their role; with `role`, only those with that role */
  online(role?: Role): Promise<Map<string, Role>>;
  close(): Promise<void>;
}

export function createLocalPresence(): PresenceRegistry {
  const sockets = new Map<string, { role: Role; ids: Set<string> }>();
  // Each patient connecting asks for the online doctors: kept apart so that is not a pass over
  // every online user (10,000 sockets connecting would be 10,000 passes over up to 10,000).
  const byRole = new Map<Role, Set<string>>();
  const ofRole = (role: Role) => byRole.get(role) ?? byRole.set(role, new Set()).get(role)!;
  return {
    async add(userId, role, socketId) {
      const entry = sockets.get(userId) ?? { role, ids: new Set<string>() };
      const first = entry.ids.size === 0;
      entry.ids.add(socketId);
      sockets.set(userId, entry);
      ofRole(entry.role).add(userId);
      return { first };
    },
    async remove(userId, socketId) {
      const entry = sockets.get(userId);
      if (!entry?.ids.delete(socketId)) return { last: false };
      if (entry.ids.size > 0) return { last: false };
      sockets.delete(userId);
      ofRole(entry.role).delete(userId);
      return { last: true };
    },
    async isOnline(userId) {
      return sockets.has(userId);
    },
    async online(role) {
      if (role) return new Map([...ofRole(role)].map((userId) => [userId, role]));
      return new Map([...sockets].map(([userId, entry]) => [userId, entry.role]));
    },
    async close() {
      sockets.clear();
      byRole.clear();
    },
  };
}
