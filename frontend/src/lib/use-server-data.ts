import { useCallback, useEffect, useRef, useState, type Dispatch, type SetStateAction } from 'react';
import type { AppSocket } from './socket';
import { useSocketEvents } from './use-socket-events';

export type LoadStatus = 'loading' | 'ready' | 'failed';

interface ServerDataOptions {
  /** reload whenever this socket connects: events sent while it was away are not replayed */
  socket?: AppSocket | null;
  /** a new key loads afresh (new filters); what was shown stays until the answer comes */
  key?: string;
}

export interface ServerData<T> {
  /** null until the first answer */
  data: T | null;
  /** of the last load; a reload keeps the status until it is answered */
  status: LoadStatus;
  /** why the last load failed, null otherwise */
  error: unknown;
  /** loads again, abandoning a load still under way */
  reload: () => Promise<void>;
  /** for what the socket says between loads; the next answer replaces it */
  setData: Dispatch<SetStateAction<T | null>>;
}

type Outcome = { status: 'loading' | 'ready'; error: null } | { status: 'failed'; error: unknown };

/**
 * What a screen reads from the server and keeps current:
 *
 *     const { data, status, setData } = useServerData((signal) => getQueue(signal), { socket });
 *
 * Loads on mount and when `key` changes, and again each time `socket` connects. Only the latest
 * load may answer: starting one aborts the one before, so a slow old answer never overwrites a
 * newer one, and nothing is written after unmount. `load` may change on every render.
 */
export function useServerData<T>(
  load: (signal: AbortSignal) => Promise<T>,
  { socket = null, key = '' }: ServerDataOptions = {},
): ServerData<T> {
  const [data, setData] = useState<T | null>(null);
  const [outcome, setOutcome] = useState<Outcome>({ status: 'loading', error: null });
  const latestLoad = useRef(load);
  const pending = useRef<AbortController | null>(null);

  useEffect(() => {
    latestLoad.current = load;
  });

  const reload = useCallback(() => {
    pending.current?.abort();
    const controller = new AbortController();
    pending.current = controller;
    return latestLoad.current(controller.signal).then(
      (answer) => {
        if (controller.signal.aborted) return;
        setData(answer);
        setOutcome({ status: 'ready', error: null });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setOutcome({ status: 'failed', error });
      },
    );
  }, []);

  useEffect(() => {
    void reload();
  }, [reload, key]);

  useEffect(() => () => pending.current?.abort(), []);

  useSocketEvents(socket, { connect: () => void reload() });

  return { data, status: outcome.status, error: outcome.error, reload, setData };
}
