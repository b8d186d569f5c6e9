import type { Consultation } from '@telehealth/shared';
import { useCallback } from 'react';
import type { AppSocket } from '../../../lib/socket';
import { useServerData } from '../../../lib/use-server-data';
import { useSocketEvents } from '../../../lib/use-socket-events';
import { getQueue } from '../api/get-queue';

/** A queue snapshot and the presence news since it (which wins over the snapshot's `patientOnline`). */
interface QueueView {
  consultations: Consultation[];
  livePresence: ReadonlyMap<string, boolean>;
}

const NO_NEWS: ReadonlyMap<string, boolean> = new Map();

/** A fresh snapshot carries fresh `patientOnline` values: older live updates are superseded. */
const snapshot = (consultations: Consultation[]): QueueView => ({ consultations, livePresence: NO_NEWS });

function withOnline(view: QueueView | null, userIds: readonly string[], online: boolean): QueueView | null {
  if (!view) return view;
  const livePresence = new Map(view.livePresence);
  for (const userId of userIds) livePresence.set(userId, online);
  return { ...view, livePresence };
}

/**
 * The waiting requests this doctor may take, live: `queueUpdated` replaces the list (each doctor
 * gets their own view), and the queue is loaded again on every (re)connect so nothing sent while
 * offline is missed. `presence` and `onlineUsers` update the patients' online dots between
 * queue snapshots.
 */
export function useDoctorQueue(socket: AppSocket | null) {
  const { data, error, setData } = useServerData((signal) => getQueue(signal).then((answer) => snapshot(answer.consultations)), {
    socket,
  });
  useSocketEvents(socket, {
    queueUpdated: ({ consultations }) => setData(snapshot(consultations)),
    presence: ({ userId, online }) => setData((view) => withOnline(view, [userId], online)),
    // Only "online" is news here: a waiting patient is not in this list unless already consulted.
    onlineUsers: (userIds) => setData((view) => withOnline(view, userIds, true)),
  });

  /** Takes the request off the list at once (it is ours or someone else's now). */
  const remove = useCallback(
    (id: string) => setData((view) => view && { ...view, consultations: view.consultations.filter((item) => item.id !== id) }),
    [setData],
  );

  /** null until first loaded */
  const queue = data?.consultations ?? null;
  return { queue, error, livePresence: data?.livePresence ?? NO_NEWS, remove };
}
