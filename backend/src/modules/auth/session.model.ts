import mongoose, { Schema, type Types } from 'mongoose';

/** One signed-in browser. The JWT names it (`sid`), so revoking this row ends that sign-in. */
export interface SessionRecord {
  _id: Types.ObjectId;
  userId: Types.ObjectId;
  createdAt: Date;
  lastSeenAt: Date;
  /** the absolute end: login + SESSION_MAX_HOURS, never extended */
  expiresAt: Date;
  revokedAt: Date | null;
}

const sessionSchema = new Schema<SessionRecord>(
  {
    userId: { type: Schema.Types.ObjectId, required: true },
    createdAt: { type: Date, required: true },
    lastSeenAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
    revokedAt: { type: Date, default: null },
  },
  { versionKey: false },
);
sessionSchema.index({ userId: 1, revokedAt: 1 });

export const SessionModel = mongoose.model<SessionRecord>('Session', sessionSchema);
