import type { Consultation, OpenConsultationInput } from '@telehealth/shared';
import { useCallback, useMemo } from 'react';
import type { AppSocket } from '../../../lib/socket';
import { useServerData } from '../../../lib/use-server-data';
import { useSocketEvents } from '../../../lib/use-socket-events';
import { cancelConsultation } from '../api/cancel-consultation';
import { listConsultations } from '../api/list-consultations';
import { openConsultation } from '../api/open-consultation';
import { isOpen, upsertConsultation } from '../logic/consultation-state';

/**
 * A patient's consultations: loaded from the server (so a waiting request survives a reload) and
 * kept current by `consultationUpdated` (position, estimate, a doctor taking it, notes). The
 * list is loaded again on every (re)connect, since events sent while offline are not replayed.
 */
export function usePatientConsultations(socket: AppSocket | null) {
  const { data, status, error, reload, setData } = useServerData(
    (signal) => listConsultations({ signal }).then((answer) => answer.consultations),
    { socket },
  );
  const upsert = useCallback(
    (consultation: Consultation) => setData((list) => upsertConsultation(list ?? [], consultation)),
    [setData],
  );
  useSocketEvents(socket, { consultationUpdated: upsert });

  const request = useCallback(
    async (input: OpenConsultationInput) => upsert((await openConsultation(input)).consultation),
    [upsert],
  );
  const cancel = useCallback(async (id: string) => upsert((await cancelConsultation(id)).consultation), [upsert]);

  const current = useMemo(() => data?.find(isOpen) ?? null, [data]);
  const past = useMemo(() => (data ?? []).filter((consultation) => consultation.status === 'completed'), [data]);

  return { status, error, current, past, request, cancel, reload };
}
