import type { PublicUser } from '@telehealth/shared';
import { useEffect, useState } from 'react';
import { countAvailableDoctors } from '../api/count-available-doctors';
import { listDoctors } from '../api/list-doctors';

/** No event says when a doctor becomes available, so the count is re-read this often. */
const REFRESH_MS = 30_000;

/** The doctors a patient may ask for, and how many are taking patients right now. */
export function useDoctorsDirectory() {
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
    const timer = setInterval(refresh, REFRESH_MS);
    return () => {
      clearInterval(timer);
      controller.abort();
    };
  }, []);

  return { doctors, availableCount };
}
