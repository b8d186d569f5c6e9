import { z } from 'zod';
import { ROLES, STAFF_ROLES } from '../roles.js';
import { emailSchema, idCursorQuerySchema, nameSchema, passwordSchema, searchTextSchema } from './common.js';

export const adminUserListQuerySchema = idCursorQuerySchema.extend({
  search: searchTextSchema.optional(),
  role: z.enum(ROLES).optional(),
  active: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional(),
});
export type AdminUserListQuery = z.infer<typeof adminUserListQuerySchema>;

export const createStaffSchema = z.strictObject({
  name: nameSchema,
  email: emailSchema,
  password: passwordSchema,
  role: z.enum(STAFF_ROLES),
  specialty: z.string().trim().max(100).optional(),
});
export type CreateStaffInput = z.infer<typeof createStaffSchema>;

export const updateAccountSchema = z
  .strictObject({ role: z.enum(ROLES).optional(), active: z.boolean().optional() })
  .refine((value) => value.role !== undefined || value.active !== undefined, 'give role or active');
export type UpdateAccountInput = z.infer<typeof updateAccountSchema>;

export const resetPasswordSchema = z.strictObject({ password: passwordSchema });

export const AUDIT_ACTIONS = [
  'login.success',
  'login.failure',
  'logout',
  'password.change',
  'account.created',
  'role.changed',
  'account.deactivated',
  'account.reactivated',
  'password.reset',
  'consent.updated',
  'consent.accepted',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** `GET /api/admin/audit?cursor=&limit=`: newest first. */
export const auditQuerySchema = idCursorQuerySchema;

export interface AuditEvent {
  id: string;
  actorId: string | null;
  action: AuditAction;
  targetId?: string;
  at: string;
  ip?: string;
}

export interface AuditListAnswer {
  events: AuditEvent[];
  nextCursor: string | null;
}

export interface AdminStats {
  usersByRole: Record<(typeof ROLES)[number], number>;
  consultationsByStatus: Record<'waiting' | 'active' | 'completed' | 'cancelled', number>;
  averageWaitSeconds: number | null;
  consultationsPerDay: { day: string; count: number; averageWaitSeconds: number | null }[];
}
