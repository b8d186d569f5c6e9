import { useEffect, useState } from 'react';
import type { AppSocket } from '../../../lib/socket';
import { useSocketEvents } from '../../../lib/use-socket-events';

/** The next set after a `presence` update; the same set when nothing changes, null until the first list. */
export function withPresence(current: ReadonlySet<string> | null, userId: string, online: boolean): ReadonlySet<string> | null {
  // An update before the first list: keep waiting for the list rather than guess the rest.
  if (!current || current.has(userId) === online) return current;
  const next = new Set(current);
  if (online) next.add(userId);
  else next.delete(userId);
  return next;
}

/**
 * Who is online, as far as this user may know: the server's `onlineUsers` list on every connect,
 * then its `presence` updates. `null` until the first list arrives, and again while disconnected:
 * unknown, not "nobody". The app hands it to the features that show it (messaging).
 */
export function usePresence(socket: AppSocket | null): ReadonlySet<string> | null {
  const [online, setOnline] = useState<ReadonlySet<string> | null>(null);
  useSocketEvents(socket, {
    onlineUsers: (userIds) => setOnline(new Set(userIds)),
    presence: ({ userId, online: isOnline }) => setOnline((current) => withPresence(current, userId, isOnline)),
    // A new connection sends a fresh list; until then what we knew may be stale.
    disconnect: () => setOnline(null),
  });
  // Another socket (another user) knows nothing yet.
  useEffect(() => () => setOnline(null), [socket]);
  return online;
}
