import { useCallback, useState } from 'react';
import { setAvailability } from '../api/set-availability';

/** Whether this doctor is taking patients; the switch shows the new state only once the server agrees. */
export function useAvailability(initial: boolean) {
  const [available, setAvailable] = useState(initial);
  const [saving, setSaving] = useState(false);

  const change = useCallback(async (next: boolean) => {
    setSaving(true);
    try {
      const { user } = await setAvailability(next);
      setAvailable(user.available ?? next);
    } finally {
      setSaving(false);
    }
  }, []);

  return { available, saving, change };
}
