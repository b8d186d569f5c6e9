import type { Consultation } from '@telehealth/shared';
import type { PresenceRegistry } from '../../realtime/presence-registry.js';
import { readPublicUsers, toPublicUser, type PublicUserRecord } from '../users/index.js';
import type { ConsultationRecord } from './consultation.model.js';
import { estimateWaitSeconds } from './queue-order.js';
import type { LineEntry, WaitingLineSnapshot } from './waiting-line.js';

/** What a waiting consultation's numbers are computed from: its place and the typical length. */
export type QueueNumbers = Pick<WaitingLineSnapshot, 'positions' | 'medianLengthSeconds'>;

/** Dates as the API shows them, only those the record has. */
function datesOf(
  record: ConsultationRecord,
): Partial<Pick<Consultation, 'acceptedAt' | 'completedAt' | 'cancelledAt'>> & { createdAt: string } {
  return {
    createdAt: record.createdAt.toISOString(),
    ...(record.acceptedAt ? { acceptedAt: record.acceptedAt.toISOString() } : {}),
    ...(record.completedAt ? { completedAt: record.completedAt.toISOString() } : {}),
    ...(record.cancelledAt ? { cancelledAt: record.cancelledAt.toISOString() } : {}),
  };
}

/**
 * The word a named doctor left for their waiting room, while the request waits for them. A request
 * naming nobody shows none: any doctor may take it, so one doctor's "running late" would mislead.
 */
function waitingNoteOf(
  record: ConsultationRecord,
  requestedDoctor: PublicUserRecord | undefined,
): Pick<Consultation, 'waitingNote'> {
  const note = requestedDoctor?.waitingNote;
  if (record.status !== 'waiting' || !note) return {};
  return { waitingNote: { text: note.text, at: note.at.toISOString() } };
}

/** One consultation as the API shows it; `online` adds `patientOnline` (doctors' view). */
export function toConsultation(
  record: ConsultationRecord,
  users: ReadonlyMap<string, PublicUserRecord>,
  numbers: QueueNumbers | null,
  online?: ReadonlyMap<string, boolean>,
): Consultation {
  const id = record._id.toString();
  const patient = users.get(record.patientId.toString());
  if (!patient) throw new Error(`consultation ${id} has no patient`);
  const doctor = record.doctorId ? users.get(record.doctorId.toString()) : undefined;
  const requestedDoctor = record.requestedDoctorId ? users.get(record.requestedDoctorId.toString()) : undefined;
  const position = record.status === 'waiting' ? numbers?.positions.get(id) : undefined;
  return {
    id,
    patient: toPublicUser(patient),
    doctor: doctor ? toPublicUser(doctor) : null,
    requestedDoctorId: record.requestedDoctorId?.toString() ?? null,
    reason: record.reason,
    urgency: record.urgency,
    status: record.status,
    ...(position !== undefined
      ? { position, estimatedWaitSeconds: estimateWaitSeconds(position, numbers?.medianLengthSeconds ?? null) }
      : {}),
    ...(requestedDoctor ? { requestedDoctorAvailable: requestedDoctor.active && requestedDoctor.available } : {}),
    ...(online ? { patientOnline: online.get(record.patientId.toString()) ?? false } : {}),
    ...(record.notes ? { notes: record.notes } : {}),
    ...(record.consent
      ? { consent: { version: record.consent.version, acceptedAt: record.consent.acceptedAt.toISOString() } }
      : {}),
    ...waitingNoteOf(record, requestedDoctor),
    ...datesOf(record),
  };
}

/** A patient's view: whether they are online is for doctors. */
export const forPatient = ({ patientOnline: _online, ...consultation }: Consultation): Consultation => consultation;

/** Consultations as the API shows them, with their users read fresh by id (users/user-reads.ts). */
export async function presentConsultations(
  records: readonly ConsultationRecord[],
  numbers: QueueNumbers | null,
): Promise<Consultation[]> {
  const ids = records.flatMap((record) => [record.patientId, record.doctorId, record.requestedDoctorId]);
  const users = await readPublicUsers(ids.flatMap((id) => (id ? [id.toString()] : [])));
  return records.map((record) => toConsultation(record, users, numbers));
}

/** Whether each of these waiting consultations' patients is online: one question per patient. */
async function onlineOf(presence: PresenceRegistry, entries: readonly LineEntry[]): Promise<Map<string, boolean>> {
  const patients = [...new Set(entries.map(({ record }) => record.patientId.toString()))];
  const online = await Promise.all(patients.map((patientId) => presence.isOnline(patientId)));
  return new Map(patients.map((patientId, index) => [patientId, online[index] ?? false]));
}

/** The doctors' view of these waiting consultations, from the line's snapshot and its users. */
export async function presentWaiting(
  presence: PresenceRegistry,
  entries: readonly LineEntry[],
  snapshot: WaitingLineSnapshot,
): Promise<Consultation[]> {
  const online = await onlineOf(presence, entries);
  return entries.map(({ record }) => toConsultation(record, snapshot.users, snapshot, online));
}
