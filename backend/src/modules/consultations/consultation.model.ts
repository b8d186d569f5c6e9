import { CONSULTATION_STATUSES, URGENCIES, type ConsultationStatus, type Urgency } from '@telehealth/shared';
import mongoose, { Schema, type Types } from 'mongoose';

export interface ConsultationRecord {
  _id: Types.ObjectId;
  patientId: Types.ObjectId;
  doctorId: Types.ObjectId | null;
  requestedDoctorId: Types.ObjectId | null;
  reason: string;
  urgency: Urgency;
  /** 0 for urgent, 1 for routine: the queue sorts on this, then on createdAt */
  urgencyRank: number;
  status: ConsultationStatus;
  notes: string;
  createdAt: Date;
  acceptedAt: Date | null;
  completedAt: Date | null;
  cancelledAt: Date | null;
  /** the telehealth consent the patient had accepted when they asked (consent module); null on older rows */
  consent?: { version: number; acceptedAt: Date } | null;
  /**
   * `open:<patientId>` while waiting or active, `closed:<own id>` otherwise, under a unique index:
   * the database itself refuses a patient's second open request, however close together two
   * arrive. (FerretDB has no partial unique indexes, so the index covers every document and closed
   * ones carry a key of their own.) Documents created without it get their own closed key.
   */
  openKey: string;
}

/** The `openKey` of a waiting or active consultation. */
export const openKeyFor = (patientId: Types.ObjectId | string) => `open:${patientId.toString()}`;
/** The `openKey` of a completed or cancelled one: unique to it. */
export const closedKeyFor = (consultationId: Types.ObjectId | string) => `closed:${consultationId.toString()}`;

const consultationSchema = new Schema<ConsultationRecord>(
  {
    patientId: { type: Schema.Types.ObjectId, required: true },
    doctorId: { type: Schema.Types.ObjectId, default: null },
    requestedDoctorId: { type: Schema.Types.ObjectId, default: null },
    reason: { type: String, required: true },
    urgency: { type: String, enum: URGENCIES, required: true },
    urgencyRank: { type: Number, required: true },
    status: { type: String, enum: CONSULTATION_STATUSES, required: true, default: 'waiting' },
    notes: { type: String, default: '' },
    createdAt: { type: Date, required: true },
    acceptedAt: { type: Date, default: null },
    completedAt: { type: Date, default: null },
    cancelledAt: { type: Date, default: null },
    consent: {
      type: new Schema({ version: { type: Number, required: true }, acceptedAt: { type: Date, required: true } }, { _id: false }),
      default: null,
    },
    openKey: {
      type: String,
      required: true,
      default: function defaultOpenKey(this: ConsultationRecord) {
        return closedKeyFor(this._id);
      },
    },
  },
  { versionKey: false },
);
consultationSchema.index({ status: 1, urgencyRank: 1, createdAt: 1 });
consultationSchema.index({ patientId: 1, createdAt: -1 });
consultationSchema.index({ doctorId: 1, createdAt: -1 });
consultationSchema.index({ openKey: 1 }, { unique: true });
// The estimate reads the most recently completed ones.
consultationSchema.index({ status: 1, completedAt: -1 });

export const ConsultationModel = mongoose.model<ConsultationRecord>('Consultation', consultationSchema);
