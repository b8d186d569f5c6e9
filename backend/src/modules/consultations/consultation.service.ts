import {
  oneAtATime,
  type Consultation,
  type ConsultationListQuery,
  type OpenConsultationInput,
  type Role,
} from '@telehealth/shared';
import mongoose, { Types } from 'mongoose';
import { errors } from '../../lib/app-error.js';
import type { Clock } from '../../lib/clock.js';
import type { Logger } from '../../lib/logger.js';
import type { PresenceRegistry } from '../../realtime/presence-registry.js';
import { rooms, type RealtimeServer } from '../../realtime/types.js';
import { toPublicUser, UserModel } from '../users/user.model.js';
import { closedKeyFor, ConsultationModel, openKeyFor, type ConsultationRecord } from './consultation.model.js';
import { estimateWaitSeconds, mayTake, queueFor } from './queue-order.js';
import { relationsChanged } from './relations.js';
import { createWaitingLine, readUsers, type LineEntry, type PublicUserRecord, type WaitingLineSnapshot } from './waiting-line.js';

export interface ConsultationServiceDeps {
  clock: Clock;
  io: RealtimeServer;
  presence: PresenceRegistry;
  logger: Logger;
  /** several instances share events through an adapter (Redis): changes are announced to the others */
  scaled?: boolean;
  /** how often the waiting line is re-read from the database (tests shorten it) */
  queueReloadIntervalMs?: number;
}

/** What a waiting consultation's numbers are computed from: its place and the typical length. */
type QueueNumbers = Pick<WaitingLineSnapshot, 'positions' | 'medianLengthSeconds'>;

const OPEN_STATUSES = ['waiting', 'active'] as const;
const DUPLICATE_KEY = 11000;

/**
 * The consultation queue: patients ask, doctors take, complete, patients cancel. Every change is
 * made with one conditional write (so two doctors racing for one request cannot both win), applied
 * to the waiting line this instance holds (`waiting-line.ts`), announced to the other instances,
 * then the queue is re-broadcast: `queueUpdated` to doctors and `consultationUpdated` to each
 * waiting patient whose place or estimate moved. See docs/queue.md.
 */
export function createConsultationService(deps: ConsultationServiceDeps) {
  const { clock, io, presence, logger } = deps;
  const now = () => new Date(clock.now());
  const line = createWaitingLine({
    logger,
    ...(deps.queueReloadIntervalMs ? { reloadIntervalMs: deps.queueReloadIntervalMs } : {}),
    onReloadChanged: () => void refreshQueue(),
  });

  /** One consultation as the API shows it; `online` adds `patientOnline` (doctors' view). */
  function toConsultation(
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
      createdAt: record.createdAt.toISOString(),
      ...(record.acceptedAt ? { acceptedAt: record.acceptedAt.toISOString() } : {}),
      ...(record.completedAt ? { completedAt: record.completedAt.toISOString() } : {}),
      ...(record.cancelledAt ? { cancelledAt: record.cancelledAt.toISOString() } : {}),
    };
  }

  /** Consultations as the API shows them, with their users read fresh by id. */
  async function present(records: ConsultationRecord[], numbers: QueueNumbers | null): Promise<Consultation[]> {
    const ids = records.flatMap((record) => [record.patientId, record.doctorId, record.requestedDoctorId]);
    const users = await readUsers(ids.flatMap((id) => (id ? [id.toString()] : [])));
    return records.map((record) => toConsultation(record, users, numbers));
  }

  /** Whether each of these waiting consultations' patients is online: one question per patient. */
  async function onlineOf(entries: readonly LineEntry[]): Promise<Map<string, boolean>> {
    const patients = [...new Set(entries.map(({ record }) => record.patientId.toString()))];
    const online = await Promise.all(patients.map((patientId) => presence.isOnline(patientId)));
    return new Map(patients.map((patientId, index) => [patientId, online[index] ?? false]));
  }

  /** The doctors' view of these waiting consultations, from the line's snapshot and its users. */
  async function presentWaiting(entries: readonly LineEntry[], snapshot: WaitingLineSnapshot): Promise<Consultation[]> {
    const online = await onlineOf(entries);
    return entries.map(({ record }) => toConsultation(record, snapshot.users, snapshot, online));
  }

  const forPatient = ({ patientOnline: _online, ...consultation }: Consultation): Consultation => consultation;

  // What each waiting patient was last told (position and estimate) by this instance, so only
  // those whose numbers moved are told again.
  let lastTold = new Map<string, string>();

  /**
   * Sends this instance's doctors their view of the queue and this instance's waiting patients
   * whose numbers moved their consultation. Answers the presented waiting consultations by id.
   *
   * Local sockets only (`io.local`): every instance holds the same line (each change is applied
   * where it is made and re-read by id everywhere else, and the periodic re-read heals the rest),
   * and every instance broadcasts whenever its line changes, so every socket ends up with the
   * numbers of the converged line whichever instance it is connected to. A cluster-wide broadcast
   * from the changing instance would instead race with the others' and cost a Redis round trip per
   * patient. With one instance, local is everyone.
   *
   * Each doctor's own view, without listing online doctors: views differ only for doctors that some
   * request names, so the view of open requests is sent once to the doctors' room except those
   * doctors, and each named doctor gets the open requests plus their own. That is one serialisation
   * and one room emit for the common case, and at most one emit per named doctor, at 500 waiting
   * patients as at 5. Sending everyone the whole list to filter in the browser would be simpler,
   * but would show every doctor the reasons patients gave when asking for someone else.
   */
  async function broadcastQueue(): Promise<Map<string, Consultation>> {
    const snapshot = await line.snapshot();
    const queue = await presentWaiting(snapshot.ordered, snapshot);
    const named = new Set(
      queue.flatMap((consultation) => (consultation.requestedDoctorId ? [consultation.requestedDoctorId] : [])),
    );
    io.local
      .to(rooms.role('doctor'))
      .except([...named].map(rooms.user))
      .emit('queueUpdated', { consultations: queue.filter((consultation) => consultation.requestedDoctorId === null) });
    for (const doctorId of named)
      io.local.to(rooms.user(doctorId)).emit('queueUpdated', { consultations: queueFor(queue, doctorId) });

    const told = new Map<string, string>();
    for (const consultation of queue) {
      const numbers = `${consultation.position}:${consultation.estimatedWaitSeconds}`;
      told.set(consultation.id, numbers);
      if (lastTold.get(consultation.id) !== numbers) {
        io.local.to(rooms.user(consultation.patient.id)).emit('consultationUpdated', forPatient(consultation));
      }
    }
    lastTold = told;
    return new Map(queue.map((consultation) => [consultation.id, consultation]));
  }

  // Broadcasts run one at a time, and changes that arrive during one share the next, so a burst of
  // requests costs two broadcasts, not one each, and the last one always sees the latest state.
  const refreshQueue = oneAtATime(() =>
    broadcastQueue().catch((error: unknown) => {
      logger.error({ err: error }, 'queue broadcast failed');
      return null;
    }),
  );

  /**
   * After a change made here: announce it to the other instances, apply it to the line and
   * re-broadcast it, and answer the consultation as it now is.
   *
   * A consultation that left the line (taken, completed, cancelled) is news for its patient and
   * doctor wherever they are connected: it is sent to them cluster-wide. One that joined it is told
   * to its patient like every other waiting one, by each instance from its own line (the broadcast
   * above here, the others' after they apply it): numbers sent cluster-wide from this line could
   * reach a socket on another instance after that instance's newer ones.
   */
  async function afterChange(record: ConsultationRecord): Promise<Consultation> {
    relationsChanged();
    const id = record._id.toString();
    if (deps.scaled) io.serverSideEmit('consultation-changed', id);
    line.apply(record);
    const queue = await refreshQueue();
    if (record.status === 'waiting') {
      const broadcast = queue?.get(id);
      if (broadcast) return forPatient(broadcast);
      // The broadcast failed (logged): tell the patient's sockets here what the answer says.
      const [consultation] = await present([record], await line.snapshot());
      io.local.to(rooms.user(consultation!.patient.id)).emit('consultationUpdated', consultation!);
      return consultation!;
    }
    const [consultation] = await present([record], null);
    const { patient, doctor } = consultation!;
    io.to([rooms.user(patient.id), ...(doctor ? [rooms.user(doctor.id)] : [])]).emit('consultationUpdated', consultation!);
    return consultation!;
  }

  /**
   * Another instance changed a consultation: re-read it by id (indexed), apply it, and tell the
   * sockets here. (The consultation's own patient and doctor, if it left the line, were told by
   * the instance that changed it.)
   */
  async function changedElsewhere(id: string): Promise<void> {
    const record = await ConsultationModel.findById(id).lean();
    if (record) line.apply(record);
    else line.forget(id);
    await refreshQueue();
  }

  const onConsultationChanged = (id: string) =>
    void changedElsewhere(id).catch((error: unknown) =>
      logger.error({ err: error }, 'applying a consultation changed elsewhere failed'),
    );
  // Another instance re-read a doctor whose availability changed: so do we.
  const onDoctorChanged = (doctorId: string) =>
    void line.refreshUser(doctorId).catch((error: unknown) => logger.warn({ err: error }, 'refreshing a doctor failed'));
  if (deps.scaled) {
    io.on('consultation-changed', onConsultationChanged);
    io.on('doctor-availability-changed', onDoctorChanged);
  }

  /** Why a conditional write matched nothing: no such consultation (for this user), or wrong state. */
  async function explainMiss(id: string, visibleTo: (record: ConsultationRecord) => boolean, conflict: string): Promise<never> {
    const record = await ConsultationModel.findById(id).lean();
    if (!record || !visibleTo(record)) throw errors.notFound('No such consultation');
    throw errors.conflict(conflict);
  }

  return {
    /** A patient asks to be seen; at most one waiting or active consultation per patient. */
    async open(patientId: string, input: OpenConsultationInput): Promise<Consultation> {
      let requestedDoctorId: Types.ObjectId | null = null;
      if (input.doctorId) {
        const doctor = await UserModel.findById(input.doctorId, { role: 1, active: 1 }).lean();
        if (!doctor || doctor.role !== 'doctor' || !doctor.active)
          throw errors.validation([{ path: 'doctorId', message: 'is not a doctor on this platform' }]);
        requestedDoctorId = doctor._id;
      }
      const patient = new Types.ObjectId(patientId);
      const alreadyOpen = 'You already have a consultation waiting or in progress';
      // The check gives the usual answer; the unique openKey settles two requests that race past it.
      if (await ConsultationModel.exists({ patientId: patient, status: mongoose.trusted({ $in: OPEN_STATUSES }) }))
        throw errors.conflict(alreadyOpen);
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
          createdAt: now(),
          openKey: openKeyFor(patient),
        });
        record = created.toObject();
      } catch (error) {
        if ((error as { code?: number }).code === DUPLICATE_KEY) throw errors.conflict(alreadyOpen);
        throw error;
      }
      return afterChange(record);
    },

    /** A patient's own consultations, or those assigned to a doctor; newest first. */
    async list(
      viewer: { userId: string; role: Role },
      query: ConsultationListQuery,
    ): Promise<{ consultations: Consultation[]; nextCursor: string | null }> {
      // Admins manage accounts, not care: they have no consultations of their own to list.
      if (viewer.role === 'admin') return { consultations: [], nextCursor: null };
      const me = new Types.ObjectId(viewer.userId);
      const records = await ConsultationModel.find({
        ...(viewer.role === 'patient' ? { patientId: me } : { doctorId: me }),
        ...(query.status ? { status: query.status } : {}),
        ...(query.cursor ? { _id: mongoose.trusted({ $lt: new Types.ObjectId(query.cursor) }) } : {}),
      })
        .sort({ _id: -1 })
        .limit(query.limit + 1)
        .lean();
      const page = records.slice(0, query.limit);
      const numbers = page.some((record) => record.status === 'waiting') ? await line.snapshot() : null;
      return {
        consultations: (await present(page, numbers)).map(forPatient),
        nextCursor: records.length > query.limit ? page.at(-1)!._id.toString() : null,
      };
    },

    /**
     * One consultation (extension): for its patient, its doctor, or a doctor who may take it while
     * it waits. Anyone else is told it does not exist.
     */
    async get(viewer: { userId: string; role: Role }, id: string): Promise<Consultation> {
      const record = await ConsultationModel.findById(id).lean();
      const me = new Types.ObjectId(viewer.userId);
      const visible =
        record !== null &&
        ((viewer.role === 'patient' && record.patientId.equals(me)) ||
          (viewer.role === 'doctor' &&
            ((record.doctorId?.equals(me) ?? false) ||
              (record.status === 'waiting' &&
                mayTake({ requestedDoctorId: record.requestedDoctorId?.toString() ?? null }, viewer.userId)))));
      if (!record || !visible) throw errors.notFound('No such consultation');
      const numbers = record.status === 'waiting' ? await line.snapshot() : null;
      const [consultation] = await present([record], numbers);
      return forPatient(consultation!);
    },

    /** What a doctor may take now: open requests and those naming them, urgent first, then oldest. */
    async queue(doctorId: string): Promise<Consultation[]> {
      const snapshot = await line.snapshot();
      return presentWaiting(queueFor(snapshot.ordered, doctorId), snapshot);
    },

    /** A doctor takes a waiting request. One conditional write: of two doctors at once, one wins. */
    async accept(doctorId: string, id: string): Promise<Consultation> {
      const doctor = new Types.ObjectId(doctorId);
      const record = await ConsultationModel.findOneAndUpdate(
        { _id: new Types.ObjectId(id), status: 'waiting', $or: [{ requestedDoctorId: null }, { requestedDoctorId: doctor }] },
        { $set: { status: 'active', doctorId: doctor, acceptedAt: now() } },
        { returnDocument: 'after' },
      ).lean();
      if (!record) {
        return explainMiss(
          id,
          (found) => found.requestedDoctorId === null || found.requestedDoctorId.equals(doctor),
          'This consultation is no longer waiting',
        );
      }
      return afterChange(record);
    },

    /** Its doctor ends an active consultation, optionally with notes the patient can read. */
    async complete(doctorId: string, id: string, notes: string | undefined): Promise<Consultation> {
      const doctor = new Types.ObjectId(doctorId);
      const record = await ConsultationModel.findOneAndUpdate(
        { _id: new Types.ObjectId(id), status: 'active', doctorId: doctor },
        {
          $set: { status: 'completed', completedAt: now(), openKey: closedKeyFor(id), ...(notes !== undefined ? { notes } : {}) },
        },
        { returnDocument: 'after' },
      ).lean();
      if (!record)
        return explainMiss(
          id,
          (found) => found.doctorId?.equals(doctor) ?? false,
          'Only an active consultation can be completed',
        );
      return afterChange(record);
    },

    /** Its patient withdraws a request that is still waiting. */
    async cancel(patientId: string, id: string): Promise<Consultation> {
      const patient = new Types.ObjectId(patientId);
      const record = await ConsultationModel.findOneAndUpdate(
        { _id: new Types.ObjectId(id), status: 'waiting', patientId: patient },
        { $set: { status: 'cancelled', cancelledAt: now(), openKey: closedKeyFor(id) } },
        { returnDocument: 'after' },
      ).lean();
      if (!record) return explainMiss(id, (found) => found.patientId.equals(patient), 'Only a waiting request can be cancelled');
      return afterChange(record);
    },

    /** A deactivated patient leaves the line: their waiting request is cancelled. */
    async cancelWaitingOf(patientId: string): Promise<void> {
      const waiting = await ConsultationModel.find(
        { patientId: new Types.ObjectId(patientId), status: 'waiting' },
        { _id: 1 },
      ).lean();
      for (const { _id } of waiting) {
        const record = await ConsultationModel.findOneAndUpdate(
          { _id, status: 'waiting' },
          { $set: { status: 'cancelled', cancelledAt: now(), openKey: closedKeyFor(_id) } },
          { returnDocument: 'after' },
        ).lean();
        if (record) await afterChange(record);
      }
    },

    /** A doctor went away or came back: patients waiting for them by name are told. */
    async doctorAvailabilityChanged(doctorId: string, available: boolean): Promise<void> {
      // Every patient's "N doctors available" and "(available)" labels; through the adapter when scaled.
      io.to(rooms.role('patient')).emit('doctorAvailability', { doctorId, available });
      // The line holds the doctor as they were: re-read them first, here and on the other instances.
      await line.refreshUser(doctorId);
      if (deps.scaled) io.serverSideEmit('doctor-availability-changed', doctorId);
      const snapshot = await line.snapshot();
      const waiting = snapshot.ordered.filter((entry) => entry.requestedDoctorId === doctorId);
      for (const { record } of waiting)
        io.to(rooms.user(record.patientId.toString())).emit(
          'consultationUpdated',
          toConsultation(record, snapshot.users, snapshot),
        );
    },

    /** The patients waiting now, from this instance's line (presence shows them to every doctor). */
    async waitingPatients(): Promise<ReadonlySet<string>> {
      return (await line.snapshot()).patients;
    },

    /** How many doctors are taking patients right now. */
    async doctorsAvailable(): Promise<number> {
      return UserModel.countDocuments({ role: 'doctor', active: true, available: true });
    },

    /**
     * Re-reads the waiting line from the database now, and re-broadcasts it if it changed: for
     * changes written straight to the database (tests, fixtures), which otherwise show within the
     * periodic re-read.
     */
    async reloadQueue(): Promise<void> {
      if (await line.reload()) await refreshQueue();
    },

    close(): void {
      line.close();
      if (deps.scaled) {
        io.off('consultation-changed', onConsultationChanged);
        io.off('doctor-availability-changed', onDoctorChanged);
      }
    },
  };
}

export type ConsultationService = ReturnType<typeof createConsultationService>;
