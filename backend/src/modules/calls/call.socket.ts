import {
  answerCallSchema,
  callIdOnlySchema,
  callUserSchema,
  iceCandidateEventSchema,
  renegotiateCallSchema,
  type IceCandidateInput,
  type RenegotiateCallInput,
  type SocketErrorCode,
} from '@telehealth/shared';
import type { DisconnectReason } from 'socket.io';
import type { z } from 'zod';
import type { Logger } from '../../lib/logger.js';
import type { SocketModule } from '../../realtime/types.js';
import { SocketError, withAck } from '../../realtime/with-ack.js';
import { CallRefusal, type CallRefusalReason } from './call-refusal.js';
import type { CallActor, CallService } from './call.service.js';
import { createTokenBucket } from '../../lib/token-bucket.js';

/** ICE candidates per socket: a normal call trickles a few dozen; a flood is refused, not relayed. */
export const ICE_RATE = { perSecond: 50, burst: 100 } as const;

/** Disconnects Socket.IO may recover from (the same socket id comes back): the call waits for them. */
const RECOVERABLE: ReadonlySet<DisconnectReason> = new Set<DisconnectReason>([
  'transport error',
  'transport close',
  'forced close',
  'ping timeout',
  'server shutting down',
  'forced server close',
]);

/** The ack's code for each of the service's refusals (CONTRACT.md); FORBIDDEN is withAck's own. */
const ACK_CODE: Record<CallRefusalReason, SocketErrorCode> = {
  'no-such-call': 'NO_SUCH_CALL',
  offline: 'OFFLINE',
  busy: 'BUSY',
  'duplicate-id': 'VALIDATION_FAILED',
};

/** withAck, with the call service's refusals answered in the ack's words. */
function callAck<S extends z.ZodType>(schema: S, handle: (input: z.output<S>) => Promise<void>, logger: Logger) {
  return withAck(
    schema,
    (input) =>
      handle(input).catch((error: unknown) => {
        throw error instanceof CallRefusal ? new SocketError(ACK_CODE[error.reason], error.message) : error;
      }),
    logger,
  );
}

/** The call events on every authenticated socket; the logic is in `call.service.ts`. */
export function callSocket(deps: { calls: CallService; logger: Logger }): SocketModule {
  const { calls, logger } = deps;
  return (socket) => {
    const actor = (): CallActor => ({ userId: socket.data.userId, role: socket.data.role, socketId: socket.id });
    const iceBucket = createTokenBucket(ICE_RATE);
    if (socket.recovered) calls.socketRecovered(socket.id);

    socket.on(
      'call-user',
      callAck(callUserSchema, (input) => calls.startCall(actor(), input), logger),
    );
    socket.on(
      'answer-call',
      callAck(answerCallSchema, (input) => calls.answer(actor(), input), logger),
    );
    // Renegotiation shares the ICE budget: it is rare, a loop of it is not.
    const withinIceBudget =
      <I>(refusal: string, handle: (input: I) => Promise<void>) =>
      async (input: I) => {
        if (!iceBucket.take()) throw new SocketError('RATE_LIMITED', refusal);
        return handle(input);
      };
    const relayCandidate = withinIceBudget('Too many ICE candidates; slow down', (input: IceCandidateInput) =>
      calls.relayCandidate(actor(), input),
    );
    const renegotiate = withinIceBudget('Too many renegotiations; slow down', (input: RenegotiateCallInput) =>
      calls.renegotiate(actor(), input),
    );
    socket.on('ice-candidate', callAck(iceCandidateEventSchema, relayCandidate, logger));
    socket.on('call-renegotiate', callAck(renegotiateCallSchema, renegotiate, logger));
    socket.on(
      'call-end',
      callAck(callIdOnlySchema, (input) => calls.hangUp(actor(), input), logger),
    );
    socket.on(
      'call-reject',
      callAck(callIdOnlySchema, (input) => calls.reject(actor(), input), logger),
    );

    socket.on('disconnect', (reason) => {
      calls
        .socketLeft(actor(), RECOVERABLE.has(reason) ? 'lost' : 'intentional')
        .catch((error: unknown) => logger.error({ err: error }, 'ending a call on disconnect failed'));
    });
  };
}
