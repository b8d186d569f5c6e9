import { canViewConsultation, type Consultation, type ConsultationListQuery } from '@telehealth/shared';
import { Types } from 'mongoose';
import { errors } from '../../lib/app-error.js';
import { afterCursor, pageWindow, splitPage } from '../../lib/cursor-page.js';
import type { Viewer } from '../../lib/viewer.js';
import type { PresenceRegistry } from '../../realtime/presence-registry.js';
import { countAvailableDoctors } from '../users/index.js';
import { ConsultationModel, type ConsultationRecord } from './consultation.model.js';
import { forPatient, presentConsultations, presentWaiting } from './consultation-presenter.js';
import { queueFor } from './queue-order.js';
import type { WaitingLine } from './waiting-line.js';

/** The parties of a record, as the shared policy reads them. */
function partiesOf(record: ConsultationRecord) {
  return {
    patientId: record.patientId.toString(),
    doctorId: record.doctorId?.toString() ?? null,
    requestedDoctorId: record.requestedDoctorId?.toString() ?? null,
    status: record.status,
  };
}

/** The reading side of the queue: lists, one consultation, a doctor's queue, and the line's numbers. */
export function createConsultationQueries(deps: { line: WaitingLine; presence: PresenceRegistry }) {
  const { line } = deps;

  return {
    /** A patient's own consultations, or those assigned to a doctor; newest first. */
    async list(
      viewer: Viewer,
      query: ConsultationListQuery,
    ): Promise<{ consultations: Consultation[]; nextCursor: string | null }> {
      // Admins manage accounts, not care: they have no consultations of their own to list.
      if (viewer.role === 'admin') return { consultations: [], nextCursor: null };
      const me = new Types.ObjectId(viewer.userId);
      const mine = {
        ...(viewer.role === 'patient' ? { patientId: me } : { doctorId: me }),
        ...(query.status ? { status: query.status } : {}),
        ...afterCursor(query.cursor),
      };
      const { page, nextCursor } = splitPage(
        await ConsultationModel.find(mine, null, pageWindow(query.limit)).lean(),
        query.limit,
      );
      const numbers = page.some((record) => record.status === 'waiting') ? await line.snapshot() : null;
      return { consultations: (await presentConsultations(page, numbers)).map(forPatient), nextCursor };
    },

    /** One consultation, for whom `canViewConsultation` (shared policies) allows; anyone else is told it does not exist. */
    async get(viewer: Viewer, id: string): Promise<Consultation> {
      const record = await ConsultationModel.findById(id).lean();
      if (!record || !canViewConsultation({ id: viewer.userId, role: viewer.role }, partiesOf(record)))
        throw errors.notFound('No such consultation');
      const numbers = record.status === 'waiting' ? await line.snapshot() : null;
      const [consultation] = await presentConsultations([record], numbers);
      return forPatient(consultation!);
    },

    /** What a doctor may take now: open requests and those naming them, urgent first, then oldest. */
    async queue(doctorId: string): Promise<Consultation[]> {
      const snapshot = await line.snapshot();
      return presentWaiting(deps.presence, queueFor(snapshot.ordered, doctorId), snapshot);
    },

    /** The patients waiting now, from this instance's line (presence shows them to every doctor). */
    async waitingPatients(): Promise<ReadonlySet<string>> {
      return (await line.snapshot()).patients;
    },

    /** How many doctors are taking patients right now. */
    doctorsAvailable: (): Promise<number> => countAvailableDoctors(),
  };
}
