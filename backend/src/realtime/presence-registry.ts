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
  /** every online user with their role */
  online(): Promise<Map<string, Role>>;
  close(): Promise<void>;
}

export function createLocalPresence(): PresenceRegistry {
  const sockets = new Map<string, { role: Role; ids: Set<string> }>();
  return {
    async add(userId, role, socketId) {
      const entry = sockets.get(userId) ?? { role, ids: new Set<string>() };
      const first = entry.ids.size === 0;
      entry.ids.add(socketId);
      sockets.set(userId, entry);
      return { first };
    },
    async remove(userId, socketId) {
      const entry = sockets.get(userId);
      if (!entry?.ids.delete(socketId)) return { last: false };
      if (entry.ids.size > 0) return { last: false };
      sockets.delete(userId);
      return { last: true };
    },
    async isOnline(userId) {
      return sockets.has(userId);
    },
    async online() {
      return new Map([...sockets].map(([userId, entry]) => [userId, entry.role]));
    },
    async close() {
      sockets.clear();
    },
  };
}
