import { useEffect, useEffectEvent } from 'react';
import type { CallSignals } from '../api/call-signals';
import type { ActiveCall } from '../flows/active-call';
import { isInCall, type CallState } from '../logic/call-machine';

/**
 * A closing tab says goodbye (`call-end` on `pagehide`), so the other side is not left waiting out
 * the server's disconnect grace. A tab that only rang says nothing: the user's other tabs still ring.
 */
export function useGoodbyeOnPageHide(state: CallState, call: ActiveCall, signals: CallSignals | null): void {
  const sayGoodbye = useEffectEvent(() => {
    const { callId } = call;
    if (callId && isInCall(state) && state.status !== 'ringing') signals?.endCall(callId);
  });
  useEffect(() => {
    const onPageHide = () => sayGoodbye();
    window.addEventListener('pagehide', onPageHide);
    return () => window.removeEventListener('pagehide', onPageHide);
  }, []);
}
