import type { AuditAction } from '@telehealth/shared';
import { Types } from 'mongoose';
import type { Clock } from '../../lib/clock.js';
import { AuditModel } from './audit.model.js';

export interface AuditEntry {
  actorId: string | null;
  action: AuditAction;
  targetId?: string;
  ip?: string;
}

/** Writes who did what to which account. Never the content of anything. */
export function createAuditLog(clock: Clock) {
  return {
    async record(entry: AuditEntry): Promise<void> {
      await AuditModel.create({
        actorId: entry.actorId ? new Types.ObjectId(entry.actorId) : null,
        action: entry.action,
        targetId: entry.targetId ? new Types.ObjectId(entry.targetId) : null,
        at: new Date(clock.now()),
        ip: entry.ip ?? null,
      });
    },
  };
}

export type AuditLog = ReturnType<typeof createAuditLog>;
