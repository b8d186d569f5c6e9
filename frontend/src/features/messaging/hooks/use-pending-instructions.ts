import type { Message, PendingInstructionsAnswer } from '@telehealth/shared';
import { useCallback } from 'react';
import type { AppSocket } from '../../../lib/socket';
import { useServerData } from '../../../lib/use-server-data';
import { useSocketEvents } from '../../../lib/use-socket-events';
import { getPendingInstructions } from '../api/get-pending-instructions';

export type PendingInstruction = PendingInstructionsAnswer['instructions'][number];

/** Still waiting for the patient: not confirmed, not deleted. */
const stillPending = (message: Message) => message.instructions?.confirmedAt === null && !message.deleted;

/**
 * A patient's unconfirmed instructions from every doctor, kept current: new instructions
 * (`newMessage`) load the list again, since the answer names the doctor; a change to a listed one
 * (`messageUpdated`: confirmed here or in another tab, edited, deleted) is applied as it comes.
 * A (re)connect loads it again, as events sent while away are not replayed.
 */
export function usePendingInstructions(socket: AppSocket | null) {
  const { data, status, reload, setData } = useServerData(
    (signal) => getPendingInstructions(signal).then((answer) => answer.instructions),
    { socket },
  );
  const apply = useCallback(
    (message: Message) =>
      setData(
        (list) =>
          list
            ?.map((pending) => (pending.message.id === message.id ? { ...pending, message } : pending))
            .filter((pending) => stillPending(pending.message)) ?? null,
      ),
    [setData],
  );
  useSocketEvents(socket, {
    newMessage: (message) => {
      if (message.instructions) void reload();
    },
    messageUpdated: (message) => {
      if (message.instructions) apply(message);
    },
  });
  return { instructions: data, status, reload, apply };
}
