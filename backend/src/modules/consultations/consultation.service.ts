import type { Consultation, ConsultationListQuery, OpenConsultationInput, Role } from '@telehealth/shared';
import mongoose, { Types } from 'mongoose';
import { errors } from '../../lib/app-error.js';
import type { Clock } from '../../lib/clock.js';
import type { Logger } from '../../lib/logger.js';
import type { PresenceRegistry } from '../../realtime/presence-registry.js';
import { rooms, type RealtimeServer } from '../../realtime/types.js';
import { PUBLIC_USER_FIELDS, toPublicUser, UserModel, type UserRecord } from '../users/user.model.js';
import { closedKeyFor, ConsultationModel, openKeyFor, type ConsultationRecord } from './consultation.model.js';
import { relationsChanged } from './relations.js';
import {
  compareQueueOrder,
  estimateWaitSeconds,
  mayTake,
  median,
  positionsOf,
  queueFor,
  RECENT_CONSULTATIONS_FOR_ESTIMATE,
} from './queue-order.js';

export interface ConsultationServiceDeps {
  clock: Clock;
  io: RealtimeServer;
  presence: PresenceRegistry;
  logger: Logger;
}

type PublicUserRecord = Omit<UserRecord, 'passwordHash'>;

/** The waiting line at one moment: what positions and estimates are computed from. */
interface QueueSnapshot {
  positions: Map<string, number>;
  medianLengthSeconds: number | null;
}

const OPEN_STATUSES = ['waiting', 'active'] as const;
const DUPLICATE_KEY = 11000;

/**
 * The consultation queue: patients ask, doctors take, complete, patients cancel. Every change is
 * made with one conditional write (so two doctors racing for one request cannot both win), then
 * the queue is re-broadcast: `queueUpdated` to doctors and `consultationUpdated` to each waiting
 * patient whose place or estimate moved. See docs/queue.md.
 */
export function createConsultationService(deps: ConsultationServiceDeps) {
  const { clock, io, presence, logger } = deps;
  const now = () => new Date(clock.now());

  async function usersById(ids: (Types.ObjectId | null)[]): Promise<Map<string, PublicUserRecord>> {
    const wanted = [...new Set(ids.filter((id): id is Types.ObjectId => id !== null).map(String))];
    if (wanted.length === 0) return new Map();
    // A second query rather than $lookup, which FerretDB does not have.
    const users = await UserModel.find(
      { _id: mongoose.trusted({ $in: wanted.map((id) => new Types.ObjectId(id)) }) },
      PUBLIC_USER_FIELDS,
    ).lean<PublicUserRecord[]>();
    return new Map(users.map((user) => [user._id.toString(), user]));
  }

  /** The median length (accepted → completed) of the most recently completed consultations. */
  async function medianLengthSeconds(): Promise<number | null> {
    const recent = await ConsultationModel.find(
      { status: 'completed', acceptedAt: mongoose.trusted({ $ne: null }) },
      { acceptedAt: 1, completedAt: 1 },
    )
      .sort({ completedAt: -1 })
      .limit(RECENT_CONSULTATIONS_FOR_ESTIMATE)
      .lean();
    const lengths = recent.flatMap(({ acceptedAt, completedAt }) =>
      acceptedAt && completedAt ? [(completedAt.getTime() - acceptedAt.getTime()) / 1000] : [],
    );
    return median(lengths);
  }

  /** Every waiting consultation in queue order, with the numbers that go with them. */
  async function loadQueue(): Promise<{ ordered: ConsultationRecord[]; snapshot: QueueSnapshot }> {
    const [waiting, medianLength] = await Promise.all([
      ConsultationModel.find({ status: 'waiting' }).lean(),
      medianLengthSeconds(),
    ]);
    const entries = waiting.map((record) => ({
      record,
      id: record._id.toString(),
      urgencyRank: record.urgencyRank,
      createdAt: record.createdAt,
      requestedDoctorId: record.requestedDoctorId?.toString() ?? null,
    }));
    entries.sort(compareQueueOrder);
    return {
      ordered: entries.map((entry) => entry.record),
      snapshot: { positions: positionsOf(entries), medianLengthSeconds: medianLength },
    };
  }

  /** Consultations as the API shows them; `withPresence` adds `patientOnline` (doctors' view). */
  async function present(
    records: ConsultationRecord[],
    snapshot: QueueSnapshot | null,
    withPresence = false,
  ): Promise<Consultation[]> {
    const users = await usersById(records.flatMap((record) => [record.patientId, record.doctorId, record.requestedDoctorId]));
    const online = withPresence ? await Promise.all(records.map((record) => presence.isOnline(record.patientId.toString()))) : [];
    return records.map((record, index) => {
      const id = record._id.toString();
      const patient = users.get(record.patientId.toString());
      if (!patient) throw new Error(`consultation ${id} has no patient`);
      const doctor = record.doctorId ? users.get(record.doctorId.toString()) : undefined;
      const requestedDoctor = record.requestedDoctorId ? users.get(record.requestedDoctorId.toString()) : undefined;
      const position = record.status === 'waiting' ? snapshot?.positions.get(id) : undefined;
      return {
        id,
        patient: toPublicUser(patient),
        doctor: doctor ? toPublicUser(doctor) : null,
        requestedDoctorId: record.requestedDoctorId?.toString() ?? null,
        reason: record.reason,
        urgency: record.urgency,
        status: record.status,
        ...(position !== undefined
          ? { position, estimatedWaitSeconds: estimateWaitSeconds(position, snapshot?.medianLengthSeconds ?? null) }
          : {}),
        ...(requestedDoctor ? { requestedDoctorAvailable: requestedDoctor.active && requestedDoctor.available } : {}),
        ...(withPresence ? { patientOnline: online[index] ?? false } : {}),
        ...(record.notes ? { notes: record.notes } : {}),
        createdAt: record.createdAt.toISOString(),
        ...(record.acceptedAt ? { acceptedAt: record.acceptedAt.toISOString() } : {}),
        ...(record.completedAt ? { completedAt: record.completedAt.toISOString() } : {}),
        ...(record.cancelledAt ? { cancelledAt: record.cancelledAt.toISOString() } : {}),
      };
    });
  }

  const forPatient = ({ patientOnline: _online, ...consultation }: Consultation): Consultation => consultation;

  // What each waiting patient was last told (position and estimate), so only those whose numbers
  // moved are told again. Per instance: with several instances a patient may hear the same numbers
  // twice, never miss a change made here.
  let lastTold = new Map<string, string>();

  /**
   * Sends every doctor their view of the queue and every waiting patient whose numbers moved
   * their consultation. Answers the presented waiting consultations by id.
   *
   * Each doctor's own view, without listing online doctors: views differ only for doctors that some
   * request names, so the view of open requests is sent once to the doctors' room except those
   * doctors, and each named doctor gets the open requests plus their own. That is one query, one
   * serialisation and one room emit for the common case, and at most one emit per named doctor, at
   * 500 waiting patients as at 5. Sending everyone the whole list to filter in the browser would be
   * simpler, but would show every doctor the reasons patients gave when asking for someone else.
   */
  async function broadcastQueue(alreadyTold: Set<string>): Promise<Map<string, Consultation>> {
    const { ordered, snapshot } = await loadQueue();
    const queue = await present(ordered, snapshot, true);
    const named = new Set(
      queue.flatMap((consultation) => (consultation.requestedDoctorId ? [consultation.requestedDoctorId] : [])),
    );
    io.to(rooms.role('doctor'))
      .except([...named].map(rooms.user))
      .emit('queueUpdated', { consultations: queue.filter((consultation) => consultation.requestedDoctorId === null) });
    for (const doctorId of named) io.to(rooms.user(doctorId)).emit('queueUpdated', { consultations: queueFor(queue, doctorId) });

    const told = new Map<string, string>();
    for (const consultation of queue) {
      const numbers = `${consultation.position}:${consultation.estimatedWaitSeconds}`;
      told.set(consultation.id, numbers);
      if (lastTold.get(consultation.id) !== numbers && !alreadyTold.has(consultation.id)) {
        io.to(rooms.user(consultation.patient.id)).emit('consultationUpdated', forPatient(consultation));
      }
    }
    lastTold = told;
    return new Map(queue.map((consultation) => [consultation.id, consultation]));
  }

  // Broadcasts run one at a time, and changes that arrive during one share the next, so a burst of
  // requests costs two broadcasts, not one each, and the last one always sees the latest state.
  let running: Promise<unknown> | null = null;
  let next: { promise: Promise<Map<string, Consultation> | null>; alreadyTold: Set<string> } | null = null;
  function refreshQueue(changedId: string): Promise<Map<string, Consultation> | null> {
    if (!next) {
      const alreadyTold = new Set<string>();
      const promise = (async () => {
        await running;
        next = null;
        const run = broadcastQueue(alreadyTold).catch((error: unknown) => {
          logger.error({ err: error }, 'queue broadcast failed');
          return null;
        });
        running = run;
        return run;
      })();
      next = { promise, alreadyTold };
    }
    next.alreadyTold.add(changedId);
    return next.promise;
  }

  /** After a change: re-broadcast the queue, then tell the consultation's patient and doctor. */
  async function afterChange(record: ConsultationRecord): Promise<Consultation> {
    relationsChanged();
    const id = record._id.toString();
    const queue = await refreshQueue(id);
    let consultation = record.status === 'waiting' ? queue?.get(id) : undefined;
    if (!consultation) {
      const snapshot = record.status === 'waiting' ? (await loadQueue()).snapshot : null;
      [consultation] = await present([record], snapshot);
    }
    const told = forPatient(consultation!);
    io.to([rooms.user(told.patient.id), ...(told.doctor ? [rooms.user(told.doctor.id)] : [])]).emit('consultationUpdated', told);
    return told;
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
      const snapshot = page.some((record) => record.status === 'waiting') ? (await loadQueue()).snapshot : null;
      return {
        consultations: (await present(page, snapshot)).map(forPatient),
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
      const snapshot = record.status === 'waiting' ? (await loadQueue()).snapshot : null;
      const [consultation] = await present([record], snapshot);
      return forPatient(consultation!);
    },

    /** What a doctor may take now: open requests and those naming them, urgent first, then oldest. */
    async queue(doctorId: string): Promise<Consultation[]> {
      const { ordered, snapshot } = await loadQueue();
      const mine = queueFor(
        ordered.map((record) => ({ record, requestedDoctorId: record.requestedDoctorId?.toString() ?? null })),
        doctorId,
      );
      return present(
        mine.map(({ record }) => record),
        snapshot,
        true,
      );
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
    async doctorAvailabilityChanged(doctorId: string): Promise<void> {
      const waiting = await ConsultationModel.find({ status: 'waiting', requestedDoctorId: new Types.ObjectId(doctorId) }).lean();
      if (waiting.length === 0) return;
      const { snapshot } = await loadQueue();
      for (const consultation of await present(waiting, snapshot))
        io.to(rooms.user(consultation.patient.id)).emit('consultationUpdated', consultation);
    },

    /** How many doctors are taking patients right now. */
    async doctorsAvailable(): Promise<number> {
      return UserModel.countDocuments({ role: 'doctor', active: true, available: true });
    },
  };
}

export type ConsultationService = ReturnType<typeof createConsultationService>;
