import type { AuditEvent } from '@telehealth/shared';
import { afterCursor, pageWindow, splitPage } from '../../lib/cursor-page.js';
import { AuditModel, toAuditEvent } from './audit.model.js';

/** A page of the audit log, newest first, paginated by id. */
export async function readAuditPage(query: {
  cursor?: string | undefined;
  limit: number;
}): Promise<{ events: AuditEvent[]; nextCursor: string | null }> {
  const records = await AuditModel.find(afterCursor(query.cursor), null, pageWindow(query.limit)).lean();
  const { page, nextCursor } = splitPage(records, query.limit);
  return { events: page.map(toAuditEvent), nextCursor };
}
