import type { Consultation, WaitingNote } from '@telehealth/shared';
import { useState } from 'react';
import type { AppSocket } from '../../../lib/socket';
import { useSocketEvents } from '../../../lib/use-socket-events';

const keyOf = (note: WaitingNote | null) => (note ? `${note.at} ${note.text}` : '');

/**
 * The patient's side: the note of the doctor their waiting request names, as loaded with the
 * consultation and then as the `waitingNote` event changes it ("" takes it down). Another doctor's
 * note is not for this patient. A fresh copy of the consultation (a reload, `consultationUpdated`)
 * carries the server's note, and replaces what was heard before it.
 */
export function useWaitingRoomNote(socket: AppSocket | null, consultation: Consultation): WaitingNote | null {
  const loaded = consultation.waitingNote ?? null;
  const [heard, setHeard] = useState({ key: keyOf(loaded), note: loaded });
  const current = heard.key === keyOf(loaded) ? heard.note : loaded;
  // Adjusted while rendering (React's pattern for state following a prop): the new copy wins at once.
  if (heard.key !== keyOf(loaded)) setHeard({ key: keyOf(loaded), note: loaded });

  useSocketEvents(socket, {
    waitingNote: ({ doctorId, text, at }) => {
      if (doctorId !== consultation.requestedDoctorId) return;
      setHeard((previous) => ({ ...previous, note: text === '' ? null : { text, at } }));
    },
  });
  return current;
}
