import type { PublicUser } from '@telehealth/shared';
import type { AppSocket } from '../../../lib/socket';
import { useServerData } from '../../../lib/use-server-data';
import { useSocketEvents } from '../../../lib/use-socket-events';
import { countAvailableDoctors } from '../api/count-available-doctors';
import { listDoctors } from '../api/list-doctors';

const NO_DOCTORS: PublicUser[] = [];

interface Directory {
  doctors: PublicUser[];
  availableCount: number;
}

async function loadDirectory(signal: AbortSignal): Promise<Directory> {
  const [directory, available] = await Promise.all([listDoctors(signal), countAvailableDoctors(signal)]);
  return { doctors: directory.users.filter((user) => user.role === 'doctor' && user.active), availableCount: available.count };
}

/**
 * The doctors a patient may ask for, and how many are taking patients right now: read on start and
 * on every (re)connect, and again whenever the server says a doctor's availability changed. A
 * failed read keeps the last known values: the form works without the directory (anyone may take
 * the request).
 */
export function useDoctorsDirectory(socket: AppSocket | null) {
  const { data, reload } = useServerData(loadDirectory, { socket });
  useSocketEvents(socket, { doctorAvailability: () => void reload() });
  return { doctors: data?.doctors ?? NO_DOCTORS, availableCount: data?.availableCount ?? null };
}
