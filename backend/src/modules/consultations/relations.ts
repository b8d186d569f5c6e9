import type { ConsultationStatus, Relation } from '@telehealth/shared';
import mongoose, { Types } from 'mongoose';
import { ConsultationModel } from './consultation.model.js';

const TOGETHER: ConsultationStatus[] = ['active', 'completed'];

/** What the policies need to know about two people: have they had a consultation together? */
export async function relationBetween(userA: string, userB: string): Promise<Relation> {
  if (!Types.ObjectId.isValid(userA) || !Types.ObjectId.isValid(userB)) return { consulted: false };
  const a = new Types.ObjectId(userA);
  const b = new Types.ObjectId(userB);
  const found = await ConsultationModel.exists({
    $or: [
      { patientId: a, doctorId: b },
      { patientId: b, doctorId: a },
    ],
    status: mongoose.trusted({ $in: TOGETHER }),
  });
  return { consulted: found !== null };
}

/** Everyone a user has had a consultation with (as patient or as doctor). */
export async function consultedWith(userId: string): Promise<Set<string>> {
  const id = new Types.ObjectId(userId);
  const rows = await ConsultationModel.find(
    { $or: [{ patientId: id }, { doctorId: id }], status: mongoose.trusted({ $in: TOGETHER }) },
    { patientId: 1, doctorId: 1 },
  ).lean();
  const ids = new Set<string>();
  for (const row of rows) {
    const other = row.patientId.equals(id) ? row.doctorId : row.patientId;
    if (other) ids.add(other.toString());
  }
  return ids;
}

/** Patients waiting in the queue: every doctor may see whether they are online (the queue shows it). */
export async function waitingPatients(): Promise<Set<string>> {
  const rows = await ConsultationModel.find({ status: 'waiting' }, { patientId: 1 }).lean();
  return new Set(rows.map((row) => row.patientId.toString()));
}

export async function isWaiting(patientId: string): Promise<boolean> {
  if (!Types.ObjectId.isValid(patientId)) return false;
  return (await ConsultationModel.exists({ patientId: new Types.ObjectId(patientId), status: 'waiting' })) !== null;
}
