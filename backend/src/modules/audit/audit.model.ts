import { AUDIT_ACTIONS, type AuditAction, type AuditEvent } from '@telehealth/shared';
import mongoose, { Schema, type Types } from 'mongoose';

export interface AuditRecord {
  _id: Types.ObjectId;
  actorId: Types.ObjectId | null;
  action: AuditAction;
  targetId: Types.ObjectId | null;
  at: Date;
  ip: string | null;
}

const auditSchema = new Schema<AuditRecord>(
  {
    actorId: { type: Schema.Types.ObjectId, default: null },
    action: { type: String, enum: AUDIT_ACTIONS, required: true },
    targetId: { type: Schema.Types.ObjectId, default: null },
    at: { type: Date, required: true },
    ip: { type: String, default: null },
  },
  { versionKey: false },
);

export const AuditModel = mongoose.model<AuditRecord>('AuditEvent', auditSchema);

export function toAuditEvent(record: AuditRecord): AuditEvent {
  return {
    id: record._id.toString(),
    actorId: record.actorId?.toString() ?? null,
    action: record.action,
    ...(record.targetId ? { targetId: record.targetId.toString() } : {}),
    at: record.at.toISOString(),
    ...(record.ip ? { ip: record.ip } : {}),
  };
}
