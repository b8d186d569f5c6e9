import { useEffect } from 'react';
import type { CallEvent, CallStatus } from '../logic/call-machine';

/** A safety net behind the server's ring timeout (30 s by default), should its `timeout` never arrive. */
export const CLIENT_RING_MS = 60_000;

/** Ringing (either way) too long with no word from the server: `ring-timeout`, and the call gives up here. */
export function useRingTimeout(status: CallStatus, dispatch: (event: CallEvent) => void): void {
  const rings = status === 'calling' || status === 'ringing';
  useEffect(() => {
    if (!rings) return;
    const timer = setTimeout(() => dispatch({ type: 'ring-timeout' }), CLIENT_RING_MS);
    return () => clearTimeout(timer);
  }, [rings, dispatch]);
}
