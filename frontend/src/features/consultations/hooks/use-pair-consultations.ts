import type { Consultation } from '@telehealth/shared';
import type { AppSocket } from '../../../lib/socket';
import { useServerData, type LoadStatus } from '../../../lib/use-server-data';
import { useSocketEvents } from '../../../lib/use-socket-events';
import { getClientConfig } from '../api/get-client-config';
import { listConsultationsWith } from '../api/list-consultations-with';
import { upsertConsultation } from '../logic/consultation-state';

interface PairData {
  /** whose consultations these are: a new partner's answer has not come while this differs */
  partnerId: string;
  consultations: Consultation[];
  followUpDays: number;
}

export interface PairConsultations {
  /** null while loading, after a failure, or with no partner */
  consultations: Consultation[] | null;
  /** the server's `FOLLOW_UP_DAYS`, read with them */
  followUpDays: number | null;
  status: LoadStatus;
}

const inPair = (consultation: Consultation, partnerId: string) =>
  consultation.doctor?.id === partnerId || consultation.patient.id === partnerId;

/**
 * The signed-in user's consultations with one person (`partnerId`; null asks nothing), with the
 * follow-up window's length from the server. Kept current as the patient's list is: a doctor
 * taking the request or completing it sends `consultationUpdated`, and every (re)connect loads
 * again, since events sent while offline are not replayed.
 */
export function usePairConsultations(socket: AppSocket | null, partnerId: string | null): PairConsultations {
  const { data, status, setData } = useServerData<PairData | null>(
    async (signal) => {
      if (!partnerId) return null;
      const [{ consultations }, { followUpDays }] = await Promise.all([
        listConsultationsWith(partnerId, signal),
        getClientConfig(signal),
      ]);
      return { partnerId, consultations, followUpDays };
    },
    { socket, key: partnerId ?? '' },
  );
  useSocketEvents(socket, {
    consultationUpdated: (consultation) => {
      if (!partnerId || !inPair(consultation, partnerId)) return;
      setData((pair) =>
        pair?.partnerId === partnerId ? { ...pair, consultations: upsertConsultation(pair.consultations, consultation) } : pair,
      );
    },
  });
  const current = data && data.partnerId === partnerId ? data : null;
  return {
    consultations: current?.consultations ?? null,
    followUpDays: current?.followUpDays ?? null,
    status: partnerId && !current && status === 'ready' ? 'loading' : status,
  };
}
