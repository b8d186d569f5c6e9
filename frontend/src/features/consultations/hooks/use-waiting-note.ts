import type { WaitingNote } from '@telehealth/shared';
import { useCallback, useState } from 'react';
import { useServerData } from '../../../lib/use-server-data';
import { getOwnWaitingNote } from '../api/get-waiting-note';
import { setWaitingNote } from '../api/set-waiting-note';

/**
 * The doctor's side of the waiting-room note: the one up now (loaded, so a reload shows it), and
 * `post` / `clear`, each shown once the server agrees. `available` is the desk's switch: going
 * away takes the note down on the server (users/user.service.ts), so the desk drops it too.
 */
export function useWaitingNote(available: boolean) {
  // Wrapped: `data` is null until loaded, and "no note" must be told apart from "not loaded yet".
  const { data, status, error, setData } = useServerData((signal) => getOwnWaitingNote(signal).then((note) => ({ note })));
  const [wasAvailable, setWasAvailable] = useState(available);
  if (available !== wasAvailable) {
    // Adjusted while rendering (React's pattern for state following a prop), so no frame shows a stale note.
    setWasAvailable(available);
    if (!available) setData({ note: null });
  }

  const post = useCallback(
    async (text: string) => {
      const { waitingNote } = await setWaitingNote(text);
      setData({ note: waitingNote });
    },
    [setData],
  );
  const clear = useCallback(() => post(''), [post]);

  const note: WaitingNote | null = data?.note ?? null;
  return { note, status, error, post, clear };
}
