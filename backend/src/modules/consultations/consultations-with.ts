import { canSee, type Consultation } from '@telehealth/shared';
import { Types } from 'mongoose';
import { errors } from '../../lib/app-error.js';
import type { Viewer } from '../../lib/viewer.js';
import { readPublicUser } from '../users/index.js';
import { ConsultationModel } from './consultation.model.js';
import { forPatient, presentConsultations } from './consultation-presenter.js';
import { relationBetween } from './relations.js';

/** Enough for the follow-up rule (the latest completion is the newest: a patient has one open request at a time). */
export const PAIR_CONSULTATIONS_LIMIT = 20;

/**
 * `GET /api/consultations/with/:userId`: the viewer's consultations with one person, a patient with
 * a doctor or a doctor with a patient, newest first; what the patient's composer asks the shared
 * follow-up rule about. The filter names the viewer, so nobody else's consultations can be read;
 * and a user the viewer may not see (`canSee`, as the directory asks) is 404, so the answer does
 * not even tell that they exist. Not a read by `_id`: found by its people, like `pairConsultations`.
 */
export async function consultationsWith(viewer: Viewer, userId: string): Promise<Consultation[]> {
  const other = viewer.userId === userId ? undefined : await readPublicUser(userId);
  const relation = other ? await relationBetween(viewer.userId, userId) : { consulted: false };
  const visible =
    other !== undefined &&
    canSee(
      { id: viewer.userId, role: viewer.role, active: true },
      { id: userId, role: other.role, active: other.active },
      relation,
    );
  if (!other || !visible) throw errors.notFound('No such user');
  // Only a patient and a doctor have consultations together; two doctors have none.
  if (viewer.role === other.role) return [];
  const me = new Types.ObjectId(viewer.userId);
  const them = new Types.ObjectId(userId);
  const pair = viewer.role === 'patient' ? { patientId: me, doctorId: them } : { patientId: them, doctorId: me };
  const records = await ConsultationModel.find(pair, null, { sort: { _id: -1 }, limit: PAIR_CONSULTATIONS_LIMIT }).lean();
  // Waiting requests have no doctor yet, so none is here and no queue numbers are needed.
  return (await presentConsultations(records, null)).map(forPatient);
}
