import type { Consultation } from '@telehealth/shared';
import { useCallback, useMemo } from 'react';
import type { AppSocket } from '../../../lib/socket';
import { useServerData } from '../../../lib/use-server-data';
import { useSocketEvents } from '../../../lib/use-socket-events';
import { acceptConsultation } from '../api/accept-consultation';
import { completeConsultation } from '../api/complete-consultation';
import { listConsultations } from '../api/list-consultations';
import { upsertConsultation } from '../logic/consultation-state';

/** A doctor's own consultations (accepted by them), kept current by `consultationUpdated`. */
export function useDoctorConsultations(socket: AppSocket | null) {
  const { data, error, setData } = useServerData(
    (signal) => listConsultations({ signal }).then((answer) => answer.consultations),
    {
      socket,
    },
  );
  const upsert = useCallback(
    (consultation: Consultation) => setData((list) => upsertConsultation(list ?? [], consultation)),
    [setData],
  );
  useSocketEvents(socket, {
    // Waiting patients' updates are for them; a doctor keeps only their own consultations here.
    consultationUpdated: (consultation) => {
      if (consultation.doctor !== null) upsert(consultation);
    },
  });

  const accept = useCallback(
    async (id: string) => {
      const { consultation } = await acceptConsultation(id);
      upsert(consultation);
      return consultation;
    },
    [upsert],
  );

  const complete = useCallback(
    async (id: string, notes: string) => {
      const { consultation } = await completeConsultation(id, notes ? { notes } : {});
      upsert(consultation);
      return consultation;
    },
    [upsert],
  );

  const active = useMemo(() => (data ?? []).filter((consultation) => consultation.status === 'active'), [data]);
  return { active, error, accept, complete };
}
