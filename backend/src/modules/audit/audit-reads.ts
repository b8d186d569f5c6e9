import type { AuditEvent } from '@telehealth/shared';
import mongoose, { Types } from 'mongoose';
import { AuditModel, toAuditEvent } from './audit.model.js';

/** A page of the audit log, newest first, paginated by id. */
export async function readAuditPage(query: { cursor?: string | undefined; limit: number }): Promise<{ events: AuditEvent[]; nextCursor: string | null }> {
  const records = await AuditModel.find(query.cursor ? { _id: mongoose.trusted({ $lt: new Types.ObjectId(query.cursor) }) } : {})
    .sort({ _id: -1 })
    .limit(query.limit + 1)
    .lean();
  const page = records.slice(0, query.limit);
  return { events: page.map(toAuditEvent), nextCursor: records.length > query.limit ? page.at(-1)!._id.toString() : null };
}
