import mongoose, { Schema, type Types } from 'mongoose';

/** One version of the clinic's consent text; `_id` is its number (1, 2, …), never changed once written. */
export interface ConsentVersionRecord {
  _id: number;
  text: string;
  updatedAt: Date;
  /** the admin who wrote it; null for the default the server seeded */
  updatedBy: Types.ObjectId | null;
}

/** A patient's latest acceptance: `_id` is the patient's id, so it is read by `_id`. */
export interface ConsentAcceptanceRecord {
  _id: Types.ObjectId;
  version: number;
  acceptedAt: Date;
}

const versionSchema = new Schema<ConsentVersionRecord>(
  {
    _id: { type: Number, required: true },
    text: { type: String, required: true },
    updatedAt: { type: Date, required: true },
    updatedBy: { type: Schema.Types.ObjectId, default: null },
  },
  { versionKey: false },
);

const acceptanceSchema = new Schema<ConsentAcceptanceRecord>(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    version: { type: Number, required: true },
    acceptedAt: { type: Date, required: true },
  },
  { versionKey: false },
);

export const ConsentVersionModel = mongoose.model<ConsentVersionRecord>('ConsentVersion', versionSchema);
export const ConsentAcceptanceModel = mongoose.model<ConsentAcceptanceRecord>('ConsentAcceptance', acceptanceSchema);
