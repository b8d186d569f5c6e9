import type { SessionDescription } from '@telehealth/shared';
import { refusalCode } from '../api/call-signals';
import type { CallFlowDeps } from './call-flow';

/**
 * The callee's side: joins the call ringing here with this stream. The caller's candidates that
 * came while it rang (queue 2) go into the new session before the offer is set (they wait there,
 * queue 3); the answer goes out with `answer-call`, and our candidates once it is acknowledged.
 */
export async function answerCall(
  { call, signals, dispatch, getIceServers }: CallFlowDeps,
  callId: string,
  offer: SessionDescription,
  local: MediaStream,
): Promise<void> {
  dispatch({ type: 'accept' });
  try {
    const iceServers = await getIceServers();
    if (!call.isCurrent(callId)) return;
    const session = call.open(callId, iceServers, signals);
    for (const candidate of call.ringing.take(callId)) void session.addRemoteCandidate(candidate);
    const description = await session.answerOffer(offer, local);
    if (!call.isCurrent(callId)) return;
    const result = await signals.answerCall({ callId, answer: description });
    if (!result.ok) {
      dispatch({ type: 'signalling-failed', callId, error: refusalCode(result.error.code) });
      return;
    }
    call.releaseCandidates();
  } catch {
    dispatch({ type: 'signalling-failed', callId, error: 'unknown' });
  }
}
