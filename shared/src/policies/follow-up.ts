import type { ConsultationStatus } from '../schemas/consultations.js';

/** Days after a consultation ends during which the patient may still write to its doctor (`FOLLOW_UP_DAYS`). */
export const FOLLOW_UP_DAYS = 7;

const DAY_MS = 24 * 60 * 60 * 1000;

/** What the follow-up rule reads of a consultation between the two: a `Consultation` will do. */
export interface FollowUpConsultation {
  status: ConsultationStatus;
  /** ISO time, or a Date as the database holds it; absent until completed */
  completedAt?: string | Date | null;
}

/**
 * When the patient's follow-up window closes (ms since the epoch): `followUpDays` after the latest
 * completion; null when none of these consultations was completed.
 */
export function followUpEndsAt(consultations: readonly FollowUpConsultation[], followUpDays = FOLLOW_UP_DAYS): number | null {
  const completions = consultations.flatMap((consultation) =>
    consultation.status === 'completed' && consultation.completedAt ? [new Date(consultation.completedAt).getTime()] : [],
  );
  return completions.length === 0 ? null : Math.max(...completions) + followUpDays * DAY_MS;
}

/**
 * Whether a patient may write to a doctor, given the consultations of the pair: while one is
 * active, and until `followUpDays` after the latest completion. (A doctor may always write to
 * their patient; `canMessage` decides first whether the two may talk at all.)
 */
export function mayPatientWrite(
  consultations: readonly FollowUpConsultation[],
  now: number,
  followUpDays = FOLLOW_UP_DAYS,
): boolean {
  if (consultations.some((consultation) => consultation.status === 'active')) return true;
  const endsAt = followUpEndsAt(consultations, followUpDays);
  return endsAt !== null && now < endsAt;
}

/** Whether a patient may call a doctor: only during an active consultation. */
export function mayPatientCall(consultations: readonly FollowUpConsultation[]): boolean {
  return consultations.some((consultation) => consultation.status === 'active');
}
