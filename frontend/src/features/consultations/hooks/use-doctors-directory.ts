import type { PublicUser } from '@telehealth/shared';
import { useEffect, useState } from 'react';
import type { AppSocket } from '../../../lib/socket';
import { countAvailableDoctors } from '../api/count-available-doctors';
import { listDoctors } from '../api/list-doctors';

/**
 * The doctors a patient may ask for, and how many are taking patients right now: read on start and
 * on every (re)connect, and again whenever the server says a doctor's availability changed.
 */
export function useDoctorsDirectory(socket: AppSocket | null) {
  const [doctors, setDoctors] = useState<PublicUser[]>([]);
  const [availableCount, setAvailableCount] = useState<number | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    const refresh = () => {
      Promise.all([listDoctors(controller.signal), countAvailableDoctors(controller.signal)]).then(
        ([directory, available]) => {
          setDoctors(directory.users.filter((user) => user.role === 'doctor' && user.active));
          setAvailableCount(available.count);
        },
        // The form works without the directory (anyone may take the request); keep the last known values.
        () => undefined,
      );
    };
    refresh();
    socket?.on('doctorAvailability', refresh);
    socket?.on('connect', refresh);
    return () => {
      socket?.off('doctorAvailability', refresh);
      socket?.off('connect', refresh);
      controller.abort();
    };
  }, [socket]);

  return { doctors, availableCount };
}
