import type { Consultation } from '@telehealth/shared';
import { useCallback, useEffect, useState } from 'react';
import type { AppSocket } from '../../../lib/socket';
import { getQueue } from '../api/get-queue';

/**
 * The waiting requests this doctor may take, live: `queueUpdated` replaces the list (each doctor
 * gets their own view), and the queue is refetched on every (re)connect so nothing sent while
 * offline is missed. Presence: `presence` and `onlineUsers` update the patients' online dots
 * between queue snapshots.
 */
export function useDoctorQueue(socket: AppSocket | null) {
  /** null until first loaded */
  const [queue, setQueue] = useState<Consultation[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [livePresence, setLivePresence] = useState<ReadonlyMap<string, boolean>>(new Map());

  const reload = useCallback(
    (signal?: AbortSignal) =>
      getQueue(signal).then(
        (answer) => {
          setQueue(answer.consultations);
          setLivePresence(new Map());
          setError(null);
        },
        (failure: unknown) => {
          if (!signal?.aborted) setError(failure);
        },
      ),
    [],
  );

  useEffect(() => {
    const controller = new AbortController();
    void reload(controller.signal);
    return () => controller.abort();
  }, [reload]);

  useEffect(() => {
    if (!socket) return;
    const onQueue = ({ consultations }: { consultations: Consultation[] }) => {
      setQueue(consultations);
      // The snapshot carries fresh `patientOnline` values; older live updates are superseded.
      setLivePresence(new Map());
    };
    const onPresence = ({ userId, online }: { userId: string; online: boolean }) =>
      setLivePresence((current) => new Map(current).set(userId, online));
    // Only "online" is news here: a waiting patient is not in this list unless already consulted.
    const onOnlineUsers = (userIds: string[]) =>
      setLivePresence((current) => {
        const next = new Map(current);
        for (const userId of userIds) next.set(userId, true);
        return next;
      });
    const onReconnect = () => void reload();
    socket.on('queueUpdated', onQueue);
    socket.on('presence', onPresence);
    socket.on('onlineUsers', onOnlineUsers);
    socket.io.on('reconnect', onReconnect);
    return () => {
      socket.off('queueUpdated', onQueue);
      socket.off('presence', onPresence);
      socket.off('onlineUsers', onOnlineUsers);
      socket.io.off('reconnect', onReconnect);
    };
  }, [socket, reload]);

  /** Takes the request off the list at once (it is ours or someone else's now). */
  const remove = useCallback((id: string) => setQueue((current) => current?.filter((item) => item.id !== id) ?? null), []);

  return { queue, error, livePresence, remove };
}
