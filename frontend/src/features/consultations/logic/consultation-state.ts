import type { Consultation } from '@telehealth/shared';

/**
 * Whether a queued patient is online: a live `presence` event (newer) wins over the
 * `patientOnline` the server put in the last queue snapshot.
 */
export function isPatientOnline(consultation: Consultation, live: ReadonlyMap<string, boolean>): boolean {
  return live.get(consultation.patient.id) ?? consultation.patientOnline ?? false;
}

/** Where a consultation belongs after an update: the patient's open one, or their history. */
export function isOpen(consultation: Consultation): boolean {
  return consultation.status === 'waiting' || consultation.status === 'active';
}

/** Replaces the consultation with the same id, or puts a new one first (lists are newest first). */
export function upsertConsultation(list: readonly Consultation[], updated: Consultation): Consultation[] {
  const index = list.findIndex((consultation) => consultation.id === updated.id);
  if (index === -1) return [updated, ...list];
  return list.map((consultation, at) => (at === index ? updated : consultation));
}
