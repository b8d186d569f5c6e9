import { useEffect, useState } from 'react';
import type { AppSocket } from '../../../lib/socket';

/**
 * Who is online, as far as this user may know: the server's `onlineUsers` list on every connect,
 * then its `presence` updates. The same events the conversation list listens to (features share
 * the socket, not each other's state). `null` until the first list arrives: unknown, not "nobody".
 */
export function usePresence(socket: AppSocket | null): ReadonlySet<string> | null {
  const [online, setOnline] = useState<ReadonlySet<string> | null>(null);

  useEffect(() => {
    if (!socket) return;
    const onList = (userIds: string[]) => setOnline(new Set(userIds));
    const onPresence = ({ userId, online: isOnline }: { userId: string; online: boolean }) =>
      setOnline((current) => {
        // An update before the first list: keep waiting for the list rather than guess the rest.
        if (!current || current.has(userId) === isOnline) return current;
        const next = new Set(current);
        if (isOnline) next.add(userId);
        else next.delete(userId);
        return next;
      });
    // A new connection sends a fresh list; until then what we knew may be stale.
    const onDisconnect = () => setOnline(null);
    socket.on('onlineUsers', onList);
    socket.on('presence', onPresence);
    socket.on('disconnect', onDisconnect);
    return () => {
      socket.off('onlineUsers', onList);
      socket.off('presence', onPresence);
      socket.off('disconnect', onDisconnect);
      setOnline(null);
    };
  }, [socket]);

  return online;
}
