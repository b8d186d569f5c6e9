import { useEffect, useRef, useState } from 'react';
import { getUser } from '../../../lib/api/get-user';

/**
 * Names for the ids in the audit log, each fetched once. The audit answer carries ids only; an
 * account that cannot be found keeps showing its id.
 */
export function useUserNames(ids: readonly string[]): ReadonlyMap<string, string> {
  const [names, setNames] = useState<ReadonlyMap<string, string>>(new Map());
  const requested = useRef(new Set<string>());
  const key = [...new Set(ids)].sort().join(',');

  useEffect(() => {
    for (const id of key ? key.split(',') : []) {
      if (requested.current.has(id)) continue;
      requested.current.add(id);
      getUser(id).then(
        (user) => setNames((current) => new Map(current).set(id, user.name)),
        () => undefined,
      );
    }
  }, [key]);

  return names;
}
