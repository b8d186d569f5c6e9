import { doctorName } from '@telehealth/shared';
import { useEffect, useMemo, useState } from 'react';
import type { AppSocket } from '../../../lib/socket';
import { followUpGate, type FollowUpGate } from '../logic/follow-up-gate';
import { usePairConsultations } from './use-pair-consultations';

// setTimeout takes at most a signed 32-bit delay; a window further off is looked at again then.
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface PatientFollowUp {
  /** null while unknown (loading, failed, or no doctor asked about): the server still refuses a late send */
  gate: FollowUpGate | null;
  /** "Dr. …", from the pair's consultations; null when there is none */
  doctor: string | null;
}

/**
 * What a patient may do with one doctor now (`doctorId`; null for anyone who is never gated, such
 * as a doctor): the shared follow-up rule asked of their consultations, asked again the moment
 * the window closes, so a page left open shows it closed without a reload.
 */
export function usePatientFollowUp(socket: AppSocket | null, doctorId: string | null): PatientFollowUp {
  const { consultations, followUpDays } = usePairConsultations(socket, doctorId);
  const [now, setNow] = useState(() => Date.now());
  const gate = useMemo(
    () => (consultations && followUpDays !== null ? followUpGate(consultations, now, followUpDays) : null),
    [consultations, followUpDays, now],
  );
  const closesAt = gate?.notice === 'window-open' ? gate.endsAt : null;

  useEffect(() => {
    if (closesAt === null) return;
    const timer = setTimeout(() => setNow(Date.now()), Math.min(Math.max(closesAt - Date.now(), 0), MAX_TIMER_MS));
    return () => clearTimeout(timer);
  }, [closesAt, now]);

  const named = consultations?.find((consultation) => consultation.doctor)?.doctor?.name;
  return { gate, doctor: named ? doctorName(named) : null };
}
