import { useEffect, useState } from 'react';
import type { AppSocket } from '../../../lib/socket';
import { getSelf } from '../api/get-self';
import type { CallPeer } from '../logic/call-machine';

/**
 * Who this user is, for their own avatar: asked afresh whenever a call screen opens (a picture
 * changed on the profile page shows in the next call). Null until known.
 */
export function useSelf(socket: AppSocket | null, screenOpen: boolean): CallPeer | null {
  const [self, setSelf] = useState<CallPeer | null>(null);
  useEffect(() => {
    if (!socket || !screenOpen) return;
    const controller = new AbortController();
    getSelf(controller.signal).then(
      (user) => user && setSelf({ id: user.id, name: user.name, role: user.role, avatarUrl: user.avatarUrl }),
      () => undefined,
    );
    return () => controller.abort();
  }, [socket, screenOpen]);
  return self;
}
