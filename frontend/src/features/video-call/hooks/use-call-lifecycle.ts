import { useEffect } from 'react';
import type { CallState } from '../logic/call-machine';
import { useCallEnd, type CallEndDeps } from './use-call-end';
import { useGoodbyeOnPageHide } from './use-goodbye-on-page-hide';
import { useIceRestart } from './use-ice-restart';
import { useRingTimeout } from './use-ring-timeout';

/**
 * The effects that follow the call's state, each its own hook (tested in call-effects.test.ts):
 * the end, the ring timeout, the ICE restart and the goodbye on page hide.
 */
export function useCallLifecycle(state: CallState, deps: CallEndDeps): void {
  const { call, signals, dispatch } = deps;
  useCallEnd(state, deps);
  useRingTimeout(state.status, dispatch);
  useIceRestart(state, call, signals, dispatch);
  useGoodbyeOnPageHide(state, call, signals);
  // Signing out unmounts the provider (the realtime provider is keyed by user): close whatever is
  // open. The server ends the call itself when the socket leaves; the camera is useLocalMedia's.
  useEffect(() => () => call.close(), [call]);
}
