import { answerCallSchema, callIdOnlySchema, callUserSchema, iceCandidateEventSchema, renegotiateCallSchema } from '@telehealth/shared';
import type { DisconnectReason } from 'socket.io';
import type { Logger } from '../../lib/logger.js';
import type { SocketModule } from '../../realtime/types.js';
import { SocketError, withAck } from '../../realtime/with-ack.js';
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

/** The call events on every authenticated socket; the logic is in `call.service.ts`. */
export function callSocket(deps: { calls: CallService; logger: Logger }): SocketModule {
  const { calls, logger } = deps;
  return (socket) => {
    const actor = (): CallActor => ({ userId: socket.data.userId, role: socket.data.role, socketId: socket.id });
    const iceBucket = createTokenBucket(ICE_RATE);
    if (socket.recovered) calls.socketRecovered(socket.id);

    socket.on('call-user', withAck(callUserSchema, (input) => calls.startCall(actor(), input), logger));
    socket.on('answer-call', withAck(answerCallSchema, (input) => calls.answer(actor(), input), logger));
    socket.on(
      'ice-candidate',
      withAck(
        iceCandidateEventSchema,
        (input) => {
          if (!iceBucket.take()) throw new SocketError('RATE_LIMITED', 'Too many ICE candidates; slow down');
          return calls.relayCandidate(actor(), input);
        },
        logger,
      ),
    );
    socket.on(
      'call-renegotiate',
      withAck(
        renegotiateCallSchema,
        (input) => {
          // Shares the ICE budget: renegotiation is rare, a loop of it is not.
          if (!iceBucket.take()) throw new SocketError('RATE_LIMITED', 'Too many renegotiations; slow down');
          return calls.renegotiate(actor(), input);
        },
        logger,
      ),
    );
    socket.on('call-end', withAck(callIdOnlySchema, (input) => calls.hangUp(actor(), input), logger));
    socket.on('call-reject', withAck(callIdOnlySchema, (input) => calls.reject(actor(), input), logger));

    socket.on('disconnect', (reason) => {
      calls
        .socketLeft(actor(), RECOVERABLE.has(reason) ? 'lost' : 'intentional')
        .catch((error: unknown) => logger.error({ err: error }, 'ending a call on disconnect failed'));
    });
  };
}
