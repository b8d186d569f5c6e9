import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppSocket } from '../../../lib/socket';
import { useSocketEvents } from '../../../lib/use-socket-events';
import { createTypingThrottle, TYPING_SHOWN_FOR_MS } from '../logic/typing';

type Timer = ReturnType<typeof setTimeout>;

/**
 * Who is typing to me, from the server's `typing` events. Each is shown until they stop, send
 * (`stopShowing`), or go TYPING_SHOWN_FOR_MS without a fresh signal, in case the stop never comes.
 */
export function useWhoIsTyping(socket: AppSocket | null): {
  typingUserIds: ReadonlySet<string>;
  stopShowing: (userId: string) => void;
} {
  const [typingUserIds, setTypingUserIds] = useState<ReadonlySet<string>>(() => new Set());
  const timers = useRef(new Map<string, Timer>());

  const stopShowing = useCallback((userId: string) => {
    clearTimeout(timers.current.get(userId));
    timers.current.delete(userId);
    setTypingUserIds((ids) => {
      if (!ids.has(userId)) return ids;
      const next = new Set(ids);
      next.delete(userId);
      return next;
    });
  }, []);

  useSocketEvents(socket, {
    typing: ({ userId, isTyping }) => {
      if (!isTyping) return stopShowing(userId);
      clearTimeout(timers.current.get(userId));
      timers.current.set(
        userId,
        setTimeout(() => stopShowing(userId), TYPING_SHOWN_FOR_MS),
      );
      setTypingUserIds((ids) => (ids.has(userId) ? ids : new Set(ids).add(userId)));
    },
  });

  useEffect(() => {
    const pending = timers.current;
    return () => {
      for (const timer of pending.values()) clearTimeout(timer);
    };
  }, []);

  return { typingUserIds, stopShowing };
}

/** Tells a partner I am (or stopped) typing, throttled per partner (`createTypingThrottle`). */
export function useTypingSignal(socket: AppSocket | null): (partnerId: string, isTyping: boolean) => void {
  const throttles = useRef(new Map<string, ReturnType<typeof createTypingThrottle>>());
  return useCallback(
    (partnerId: string, isTyping: boolean) => {
      let throttle = throttles.current.get(partnerId);
      if (!throttle) {
        throttle = createTypingThrottle();
        throttles.current.set(partnerId, throttle);
      }
      const emit = isTyping ? throttle.keystroke(Date.now()) : throttle.stop();
      // A typing signal is only worth something now: never queued for later.
      if (emit && socket?.connected) socket.emit('typing', { to: partnerId, isTyping }, () => undefined);
    },
    [socket],
  );
}
