import { refusalCode } from '../api/call-signals';
import type { CallPeer } from '../logic/call-machine';
import { hasVideo, type CallFlowDeps } from './call-flow';

/**
 * The caller's side: rings `peer` with this stream. The offer goes out with `call-user`; our
 * candidates wait until the server has acknowledged it (logic/candidate-buffer.ts, queue 1).
 * Every await is followed by "is this still the call?": the user may hang up at any moment.
 */
export async function placeCall(
  { call, signals, dispatch, getIceServers }: CallFlowDeps,
  callId: string,
  peer: CallPeer,
  local: MediaStream,
): Promise<void> {
  const video = hasVideo(local);
  call.claim(callId);
  dispatch({ type: 'start', callId, peer, video });
  try {
    const iceServers = await getIceServers();
    if (!call.isCurrent(callId)) return;
    const offer = await call.open(callId, iceServers, signals).createOffer(local);
    if (!call.isCurrent(callId)) return;
    const result = await signals.callUser({ to: peer.id, callId, offer, video });
    if (!result.ok) {
      dispatch({ type: 'call-refused', callId, error: refusalCode(result.error.code) });
      return;
    }
    // Hung up while the server was still registering the call: end it there too, or it would ring on.
    if (!call.isCurrent(callId)) {
      signals.endCall(callId);
      return;
    }
    dispatch({ type: 'call-acked', callId });
    call.releaseCandidates();
  } catch {
    dispatch({ type: 'signalling-failed', callId, error: 'unknown' });
  }
}
