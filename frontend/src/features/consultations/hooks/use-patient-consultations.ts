import type { Consultation, OpenConsultationInput } from '@telehealth/shared';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { AppSocket } from '../../../lib/socket';
import { cancelConsultation } from '../api/cancel-consultation';
import { listConsultations } from '../api/list-consultations';
import { openConsultation } from '../api/open-consultation';
import { isOpen, upsertConsultation } from '../logic/consultation-state';

type LoadState = { status: 'loading' } | { status: 'ready' } | { status: 'failed'; error: unknown };

/**
 * A patient's consultations: loaded from the server (so a waiting request survives a reload) and
 * kept current by `consultationUpdated` (position, estimate, a doctor taking it, notes). The
 * list is refetched after a reconnect, since events sent while offline are not replayed.
 */
export function usePatientConsultations(socket: AppSocket | null) {
  const [consultations, setConsultations] = useState<Consultation[]>([]);
  const [load, setLoad] = useState<LoadState>({ status: 'loading' });

  const reload = useCallback(
    (signal?: AbortSignal) =>
      listConsultations(signal ? { signal } : {}).then(
        (answer) => {
          setConsultations(answer.consultations);
          setLoad({ status: 'ready' });
        },
        (error: unknown) => {
          if (!signal?.aborted) setLoad({ status: 'failed', error });
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
    const onUpdated = (consultation: Consultation) => setConsultations((list) => upsertConsultation(list, consultation));
    const onReconnect = () => void reload();
    socket.on('consultationUpdated', onUpdated);
    socket.io.on('reconnect', onReconnect);
    return () => {
      socket.off('consultationUpdated', onUpdated);
      socket.io.off('reconnect', onReconnect);
    };
  }, [socket, reload]);

  const request = useCallback(async (input: OpenConsultationInput) => {
    const { consultation } = await openConsultation(input);
    setConsultations((list) => upsertConsultation(list, consultation));
  }, []);

  const cancel = useCallback(async (id: string) => {
    const { consultation } = await cancelConsultation(id);
    setConsultations((list) => upsertConsultation(list, consultation));
  }, []);

  const current = useMemo(() => consultations.find(isOpen) ?? null, [consultations]);
  const past = useMemo(() => consultations.filter((consultation) => consultation.status === 'completed'), [consultations]);

  return { load, current, past, request, cancel, reload };
}
