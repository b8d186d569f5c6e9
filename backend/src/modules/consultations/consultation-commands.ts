import type { Consultation, OpenConsultationInput } from '@telehealth/shared';
import mongoose, { Types } from 'mongoose';
import { isDuplicateKey } from '../../db/duplicate-key.js';
import { errors } from '../../lib/app-error.js';
import type { Clock } from '../../lib/clock.js';
import { rooms, type RealtimeServer } from '../../realtime/types.js';
import { readUserStatus } from '../users/index.js';
import { closedKeyFor, ConsultationModel, openKeyFor, type ConsultationRecord } from './consultation.model.js';
import { forPatient, presentConsultations, toConsultation } from './consultation-presenter.js';
import type { ConsultationSync } from './consultation-sync.js';
import type { QueueBroadcast } from './queue-broadcast.js';
import { relationsChanged } from './relations.js';
import type { WaitingLine } from './waiting-line.js';
import { setWaitingNote, tellWaitingRoom } from './waiting-note.js';

export interface ConsultationCommandDeps {
  clock: Clock;
  io: RealtimeServer;
  line: WaitingLine;
  broadcast: QueueBroadcast;
  sync: ConsultationSync;
  /** a doctor took it / completed it: the messages module marks it in the pair's thread (wired in context.ts) */
  onStarted: (consultation: Consultation) => Promise<void>;
  onCompleted: (consultation: Consultation) => Promise<void>;
  /** the patient's acceptance of the current consent, or CONSENT_REQUIRED (consent module) */
  requireConsent: (patientId: string) => Promise<{ version: number; acceptedAt: Date }>;
}
type Deps = ConsultationCommandDeps;

const OPEN_STATUSES = ['waiting', 'active'] as const;
const ALREADY_OPEN = 'You already have a consultation waiting or in progress';

const now = (deps: Deps) => new Date(deps.clock.now());

/**
 * After a change made here: announce it to the other instances, apply it to the line and
 * re-broadcast it, and answer the consultation as it now is.
 *
 * A consultation that left the line (taken, completed, cancelled) is news for its patient and
 * doctor wherever they are connected: it is sent to them cluster-wide. One that joined it is told
 * to its patient like every other waiting one, by each instance from its own line (the broadcast
 * here, the others' after they apply it): numbers sent cluster-wide from this line could reach a
 * socket on another instance after that instance's newer ones.
 */
async function afterChange(deps: Deps, record: ConsultationRecord): Promise<Consultation> {
  relationsChanged();
  const id = record._id.toString();
  deps.sync.consultationChanged(id);
  deps.line.apply(record);
  const queue = await deps.broadcast.refresh();
  if (record.status === 'waiting') {
    const broadcast = queue?.get(id);
    if (broadcast) return forPatient(broadcast);
    // The broadcast failed (logged): tell the patient's sockets here what the answer says.
    const [consultation] = await presentConsultations([record], await deps.line.snapshot());
    deps.io.local.to(rooms.user(consultation!.patient.id)).emit('consultationUpdated', consultation!);
    return consultation!;
  }
  const [consultation] = await presentConsultations([record], null);
  const { patient, doctor } = consultation!;
  deps.io.to([rooms.user(patient.id), ...(doctor ? [rooms.user(doctor.id)] : [])]).emit('consultationUpdated', consultation!);
  return consultation!;
}

/** Why a conditional write matched nothing: no such consultation (for this user), or wrong state. */
async function explainMiss(id: string, visibleTo: (record: ConsultationRecord) => boolean, conflict: string): Promise<never> {
  const record = await ConsultationModel.findById(id).lean();
  if (!record || !visibleTo(record)) throw errors.notFound('No such consultation');
  throw errors.conflict(conflict);
}

/** The doctor a patient asked for by name: an active doctor, or a validation error. */
async function requestedDoctor(doctorId: string | undefined): Promise<Types.ObjectId | null> {
  if (!doctorId) return null;
  const doctor = await readUserStatus(doctorId);
  if (!doctor || doctor.role !== 'doctor' || !doctor.active)
    throw errors.validation([{ path: 'doctorId', message: 'is not a doctor on this platform' }]);
  return new Types.ObjectId(doctorId);
}

/**
 * A patient asks to be seen, having accepted the current consent (which the request records); at
 * most one waiting or active consultation per patient.
 */
async function open(deps: Deps, patientId: string, input: OpenConsultationInput): Promise<Consultation> {
  const requestedDoctorId = await requestedDoctor(input.doctorId);
  const consent = await deps.requireConsent(patientId);
  const patient = new Types.ObjectId(patientId);
  // The check gives the usual answer; the unique openKey settles two requests that race past it.
  if (await ConsultationModel.exists({ patientId: patient, status: mongoose.trusted({ $in: OPEN_STATUSES }) }))
    throw errors.conflict(ALREADY_OPEN);
  await ConsultationModel.init();
  let record: ConsultationRecord;
  try {
    const created = await ConsultationModel.create({
      patientId: patient,
      requestedDoctorId,
      reason: input.reason,
      urgency: input.urgency,
      urgencyRank: input.urgency === 'urgent' ? 0 : 1,
      status: 'waiting',
      createdAt: now(deps),
      openKey: openKeyFor(patient),
      consent,
    });
    record = created.toObject();
  } catch (error) {
    if (isDuplicateKey(error)) throw errors.conflict(ALREADY_OPEN);
    throw error;
  }
  return afterChange(deps, record);
}

/** A doctor takes a waiting request. One conditional write: of two doctors at once, one wins. */
async function accept(deps: Deps, doctorId: string, id: string): Promise<Consultation> {
  const doctor = new Types.ObjectId(doctorId);
  const record = await ConsultationModel.findOneAndUpdate(
    { _id: new Types.ObjectId(id), status: 'waiting', $or: [{ requestedDoctorId: null }, { requestedDoctorId: doctor }] },
    { $set: { status: 'active', doctorId: doctor, acceptedAt: now(deps) } },
    { returnDocument: 'after' },
  ).lean();
  if (!record)
    return explainMiss(
      id,
      (found) => found.requestedDoctorId === null || found.requestedDoctorId.equals(doctor),
      'This consultation is no longer waiting',
    );
  const consultation = await afterChange(deps, record);
  await deps.onStarted(consultation);
  return consultation;
}

/** Its doctor ends an active consultation, optionally with notes the patient can read. */
async function complete(deps: Deps, doctorId: string, id: string, notes: string | undefined): Promise<Consultation> {
  const doctor = new Types.ObjectId(doctorId);
  const record = await ConsultationModel.findOneAndUpdate(
    { _id: new Types.ObjectId(id), status: 'active', doctorId: doctor },
    {
      $set: { status: 'completed', completedAt: now(deps), openKey: closedKeyFor(id), ...(notes !== undefined ? { notes } : {}) },
    },
    { returnDocument: 'after' },
  ).lean();
  if (!record)
    return explainMiss(id, (found) => found.doctorId?.equals(doctor) ?? false, 'Only an active consultation can be completed');
  const consultation = await afterChange(deps, record);
  await deps.onCompleted(consultation);
  return consultation;
}

/** Its patient withdraws a request that is still waiting. */
async function cancel(deps: Deps, patientId: string, id: string): Promise<Consultation> {
  const patient = new Types.ObjectId(patientId);
  const record = await ConsultationModel.findOneAndUpdate(
    { _id: new Types.ObjectId(id), status: 'waiting', patientId: patient },
    { $set: { status: 'cancelled', cancelledAt: now(deps), openKey: closedKeyFor(id) } },
    { returnDocument: 'after' },
  ).lean();
  if (!record) return explainMiss(id, (found) => found.patientId.equals(patient), 'Only a waiting request can be cancelled');
  return afterChange(deps, record);
}

/** A deactivated patient leaves the line: their waiting request is cancelled. */
async function cancelWaitingOf(deps: Deps, patientId: string): Promise<void> {
  const waiting = await ConsultationModel.find(
    { patientId: new Types.ObjectId(patientId), status: 'waiting' },
    { _id: 1 },
  ).lean();
  for (const { _id } of waiting) {
    const record = await ConsultationModel.findOneAndUpdate(
      { _id, status: 'waiting' },
      { $set: { status: 'cancelled', cancelledAt: now(deps), openKey: closedKeyFor(_id) } },
      { returnDocument: 'after' },
    ).lean();
    if (record) await afterChange(deps, record);
  }
}

/** A doctor went away or came back: patients waiting for them by name are told. */
async function doctorAvailabilityChanged(deps: Deps, doctorId: string, available: boolean): Promise<void> {
  // Every patient's "N doctors available" and "(available)" labels; through the adapter when scaled.
  deps.io.to(rooms.role('patient')).emit('doctorAvailability', { doctorId, available });
  // The line holds the doctor as they were: re-read them first, here and on the other instances.
  await deps.line.refreshUser(doctorId);
  deps.sync.doctorChanged(doctorId);
  const snapshot = await deps.line.snapshot();
  const waiting = snapshot.ordered.filter((entry) => entry.requestedDoctorId === doctorId);
  for (const { record } of waiting)
    deps.io
      .to(rooms.user(record.patientId.toString()))
      .emit('consultationUpdated', toConsultation(record, snapshot.users, snapshot));
  // Going away cleared their note to the waiting room (users/user.service.ts `setAvailability`).
  if (!available) tellWaitingRoom(deps.io, snapshot, { doctorId, text: '', at: now(deps).toISOString() });
}

/** Patients ask, doctors take and complete, patients cancel: each one conditional write, then `afterChange`. */
export function createConsultationCommands(deps: ConsultationCommandDeps) {
  return {
    open: (patientId: string, input: OpenConsultationInput) => open(deps, patientId, input),
    accept: (doctorId: string, id: string) => accept(deps, doctorId, id),
    complete: (doctorId: string, id: string, notes: string | undefined) => complete(deps, doctorId, id, notes),
    cancel: (patientId: string, id: string) => cancel(deps, patientId, id),
    cancelWaitingOf: (patientId: string) => cancelWaitingOf(deps, patientId),
    doctorAvailabilityChanged: (doctorId: string, available: boolean) => doctorAvailabilityChanged(deps, doctorId, available),
    setWaitingNote: (doctorId: string, text: string) => setWaitingNote(deps, doctorId, text),
  };
}
