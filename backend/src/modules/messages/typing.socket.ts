import { TYPING_RELAY_INTERVAL_MS, TYPING_TIMEOUT_MS, typingSchema } from '@telehealth/shared';
import type { Clock } from '../../lib/clock.js';
import type { MessagingLimits } from '../../lib/rate-limits.js';
import type { Logger } from '../../lib/logger.js';
import type { SocketModule } from '../../realtime/types.js';
import { rooms } from '../../realtime/types.js';
import { SocketError, withAck } from '../../realtime/with-ack.js';
import type { MessageService } from './message.service.js';

// A permission granted is remembered this long per tab, so a burst of keystrokes is not a burst of
// queries. Refusals are never remembered: a consultation accepted a second ago must count at once.
// Remembering a grant is safe: a deactivated sender's sockets are disconnected, and typing to
// someone since deactivated reaches nobody who cares.
const ALLOWED_FOR_MS = 60_000;

interface TypingState {
  /** when `isTyping: true` was last passed on to the other person */
  relayedAt: number;
  /** says "stopped" for the client if it goes quiet */
  stopTimer: NodeJS.Timeout;
}

/**
 * Typing indicators. The client may send `typing` on every keystroke; the other person hears
 * `isTyping: true` at most every TYPING_RELAY_INTERVAL_MS, and `isTyping: false` when the client says
 * so, after TYPING_TIMEOUT_MS without a fresh `true`, or when the tab goes away.
 */
export function typingSocket(deps: {
  messages: MessageService;
  clock: Clock;
  logger: Logger;
  messagingLimits: MessagingLimits;
}): SocketModule {
  return (socket) => {
    const { userId } = socket.data;
    const typingTo = new Map<string, TypingState>();
    const allowedUntil = new Map<string, number>();

    const relay = (to: string, isTyping: boolean) => socket.nsp.to(rooms.user(to)).emit('typing', { userId, isTyping });

    const stop = (to: string) => {
      const state = typingTo.get(to);
      if (!state) return;
      clearTimeout(state.stopTimer);
      typingTo.delete(to);
      relay(to, false);
    };

    async function assertMayMessage(to: string): Promise<void> {
      if ((allowedUntil.get(to) ?? 0) > deps.clock.now()) return;
      if (!(await deps.messages.mayMessage(userId, to))) throw new SocketError('FORBIDDEN', 'You cannot message this person');
      allowedUntil.set(to, deps.clock.now() + ALLOWED_FOR_MS);
    }

    socket.on(
      'typing',
      withAck(
        typingSchema,
        async ({ to, isTyping }) => {
          // Over the limit, the event is dropped and its ack (if the client asked for one) says RATE_LIMITED.
          if (deps.messagingLimits.typing.take(userId) > 0)
            throw new SocketError('RATE_LIMITED', 'Too many typing events; slow down');
          await assertMayMessage(to);
          if (!isTyping) return stop(to);
          const state = typingTo.get(to);
          if (state) clearTimeout(state.stopTimer);
          const now = deps.clock.now();
          const relayNow = !state || now - state.relayedAt >= TYPING_RELAY_INTERVAL_MS;
          typingTo.set(to, {
            relayedAt: relayNow ? now : state.relayedAt,
            stopTimer: setTimeout(() => stop(to), TYPING_TIMEOUT_MS),
          });
          if (relayNow) relay(to, true);
        },
        deps.logger,
      ),
    );

    socket.on('disconnect', () => {
      for (const to of [...typingTo.keys()]) stop(to);
    });
  };
}
