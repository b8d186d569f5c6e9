import type { Consultation } from '@telehealth/shared';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { AppSocket } from '../../../lib/socket';
import { acceptConsultation } from '../api/accept-consultation';
import { completeConsultation } from '../api/complete-consultation';
import { listConsultations } from '../api/list-consultations';
import { upsertConsultation } from '../logic/consultation-state';

/** A doctor's own consultations (accepted by them), kept current by `consultationUpdated`. */
export function useDoctorConsultations(socket: AppSocket | null) {
  const [consultations, setConsultations] = useState<Consultation[]>([]);
  const [error, setError] = useState<unknown>(null);

  const reload = useCallback(
    (signal?: AbortSignal) =>
      listConsultations(signal ? { signal } : {}).then(
        (answer) => {
          setConsultations(answer.consultations);
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
    // Waiting patients' updates are for them; a doctor keeps only their own consultations here.
    const onUpdated = (consultation: Consultation) => {
      if (consultation.doctor !== null) setConsultations((list) => upsertConsultation(list, consultation));
    };
    const onReconnect = () => void reload();
    socket.on('consultationUpdated', onUpdated);
    socket.io.on('reconnect', onReconnect);
    return () => {
      socket.off('consultationUpdated', onUpdated);
      socket.io.off('reconnect', onReconnect);
    };
  }, [socket, reload]);

  const accept = useCallback(async (id: string) => {
    const { consultation } = await acceptConsultation(id);
    setConsultations((list) => upsertConsultation(list, consultation));
    return consultation;
  }, []);

  const complete = useCallback(async (id: string, notes: string) => {
    const { consultation } = await completeConsultation(id, notes ? { notes } : {});
    setConsultations((list) => upsertConsultation(list, consultation));
    return consultation;
  }, []);

  const active = useMemo(() => consultations.filter((consultation) => consultation.status === 'active'), [consultations]);
  return { active, error, accept, complete };
}
