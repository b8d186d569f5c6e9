import { useEffect } from 'react';
import type { CallSignals } from '../api/call-signals';
import type { ActiveCall } from '../flows/active-call';
import { callDirection, type CallEvent, type CallState } from '../logic/call-machine';

/** How long an ICE restart may take before the call ends as failed. */
export const RECONNECT_MS = 15_000;

/**
 * The path broke (`reconnecting`): the caller restarts ICE and sends the new offer with
 * `call-renegotiate` — one side only, so two offers never cross — and both sides wait, up to
 * `RECONNECT_MS`, then `reconnect-timeout`.
 */
export function useIceRestart(
  state: CallState,
  call: ActiveCall,
  signals: CallSignals | null,
  dispatch: (event: CallEvent) => void,
): void {
  const reconnecting = state.status === 'reconnecting';
  const caller = callDirection(state) === 'outgoing';
  useEffect(() => {
    if (!reconnecting) return;
    const { callId, session } = call;
    if (callId && session && caller) {
      session
        .restartIce()
        .then((offer) => signals?.renegotiate(callId, offer))
        .catch(() => undefined);
    }
    const timer = setTimeout(() => dispatch({ type: 'reconnect-timeout' }), RECONNECT_MS);
    return () => clearTimeout(timer);
  }, [reconnecting, caller, call, signals, dispatch]);
}
