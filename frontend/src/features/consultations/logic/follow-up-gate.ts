import { followUpEndsAt, mayPatientCall, mayPatientWrite, type FollowUpConsultation } from '@telehealth/shared';

/**
 * What the patient is told beside the composer:
 * - `null`: a consultation is active, nothing to say;
 * - `window-open`: they may write follow-up questions until `endsAt`;
 * - `window-closed`: the window closed at `endsAt`, a new consultation opens it again;
 * - `no-consultation`: none was ever active or completed with this doctor.
 */
export type FollowUpNotice = 'window-open' | 'window-closed' | 'no-consultation' | null;

export interface FollowUpGate {
  mayWrite: boolean;
  mayCall: boolean;
  /** when the window closes (ms since the epoch), null when no consultation was completed */
  endsAt: number | null;
  notice: FollowUpNotice;
}

/**
 * A patient's composer and call button for one doctor. The rule itself is the shared one the
 * server enforces (shared/src/policies/follow-up.ts); this only says what the screen shows of it,
 * so the patient learns the window closed before typing rather than from a refused send.
 */
export function followUpGate(consultations: readonly FollowUpConsultation[], now: number, followUpDays?: number): FollowUpGate {
  const mayWrite = mayPatientWrite(consultations, now, followUpDays);
  const mayCall = mayPatientCall(consultations);
  const endsAt = followUpEndsAt(consultations, followUpDays);
  const notice: FollowUpNotice = mayCall
    ? null
    : mayWrite
      ? 'window-open'
      : endsAt === null
        ? 'no-consultation'
        : 'window-closed';
  return { mayWrite, mayCall, endsAt, notice };
}
