import type { AckResult, IceCandidate, SessionDescription } from '@telehealth/shared';
import type { AppSocket } from '../../../lib/socket';
import type { CallErrorCode } from '../logic/call-machine';

/** How long an answer from the server may take before the call is given up. */
export const ACK_TIMEOUT_MS = 10_000;

const NO_ANSWER: AckResult = { ok: false, error: { code: 'INTERNAL', message: 'No answer from the server' } };
const REFUSALS: ReadonlySet<string> = new Set(['OFFLINE', 'BUSY', 'FORBIDDEN', 'NO_SUCH_CALL']);

/** The machine's error for a refused call: the server's code where the ended screen knows it. */
export const refusalCode = (code: string): CallErrorCode => (REFUSALS.has(code) ? (code as CallErrorCode) : 'unknown');

/** An acknowledgement, or a refusal standing in for it when none came in time (the promise rejects then). */
export async function ackOrNoAnswer(pending: Promise<AckResult>): Promise<AckResult> {
  try {
    return await pending;
  } catch {
    return NO_ANSWER;
  }
}

/**
 * What the call says to the server (docs/calls.md), one method an event. The two that open a call
 * wait for the server's acknowledgement; the rest are not worth retrying when refused (a rate
 * limit, a call already gone: ICE has other candidates, and an end is ended either way).
 */
export interface CallSignals {
  callUser(call: { to: string; callId: string; offer: SessionDescription; video: boolean }): Promise<AckResult>;
  answerCall(answer: { callId: string; answer: SessionDescription }): Promise<AckResult>;
  sendCandidate(callId: string, candidate: IceCandidate): void;
  renegotiate(callId: string, description: SessionDescription): void;
  endCall(callId: string): void;
  rejectCall(callId: string): void;
}

const ignore = () => undefined;

export function createCallSignals(socket: AppSocket): CallSignals {
  // socket.io's types lose the ack's type through timeout(): it is the contract's AckResult.
  const withTimeout = () => socket.timeout(ACK_TIMEOUT_MS);
  return {
    callUser: (call) => ackOrNoAnswer(withTimeout().emitWithAck('call-user', call) as Promise<AckResult>),
    answerCall: (answer) => ackOrNoAnswer(withTimeout().emitWithAck('answer-call', answer) as Promise<AckResult>),
    sendCandidate: (callId, candidate) => socket.emit('ice-candidate', { callId, candidate }, ignore),
    renegotiate: (callId, description) => socket.emit('call-renegotiate', { callId, description }, ignore),
    endCall: (callId) => socket.emit('call-end', { callId }, ignore),
    rejectCall: (callId) => socket.emit('call-reject', { callId }, ignore),
  };
}
