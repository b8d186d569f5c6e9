import type { FollowUpConsultation } from '@telehealth/shared';
import mongoose, { Types } from 'mongoose';
import { ConsultationModel } from './consultation.model.js';

/**
 * The consultations a patient has had with a doctor (active or completed), with what the
 * follow-up rule reads (shared/src/policies/follow-up.ts): asked when a patient writes or calls.
 * Not a read by `_id` (users/user-reads.ts): consultations are found by their people, a scan on
 * FerretDB, and only patients' sends to doctors ask it (doctors always may write).
 */
export async function pairConsultations(patientId: string, doctorId: string): Promise<FollowUpConsultation[]> {
  if (!Types.ObjectId.isValid(patientId) || !Types.ObjectId.isValid(doctorId)) return [];
  const rows = await ConsultationModel.find(
    {
      patientId: new Types.ObjectId(patientId),
      doctorId: new Types.ObjectId(doctorId),
      status: mongoose.trusted({ $in: ['active', 'completed'] }),
    },
    { _id: 0, status: 1, createdAt: 1, acceptedAt: 1, completedAt: 1 },
  ).lean();
  // Every completion the service makes is dated; a row written without its date (by hand, before
  // dates were kept) counts from the latest date it has.
  return rows.map((row) => ({ status: row.status, completedAt: row.completedAt ?? row.acceptedAt ?? row.createdAt }));
}
