import {
  CONSULTATION_STATUSES,
  ROLES,
  type AdminStats,
  type AdminUserListQuery,
  type AuditEvent,
  type CreateStaffInput,
  type PublicUser,
  type UpdateAccountInput,
} from '@telehealth/shared';
import mongoose, { Types } from 'mongoose';
import { errors } from '../../lib/app-error.js';
import type { Clock } from '../../lib/clock.js';
import { rooms, type RealtimeServer } from '../../realtime/types.js';
import type { AuditLog } from '../audit/audit.service.js';
import { AuditModel, toAuditEvent } from '../audit/audit.model.js';
import type { PasswordHasher } from '../auth/password-hasher.js';
import { assertAcceptablePassword } from '../auth/password-policy.js';
import type { SessionStore } from '../auth/session-store.js';
import type { ConsultationService } from '../consultations/consultation.service.js';
import { ConsultationModel } from '../consultations/consultation.model.js';
import { PUBLIC_USER_FIELDS, toPublicUser, UserModel, type UserRecord } from '../users/user.model.js';
import { searchFilter } from '../users/user-search.js';

export interface AdminServiceDeps {
  clock: Clock;
  io: RealtimeServer;
  sessions: SessionStore;
  passwords: PasswordHasher;
  audit: AuditLog;
  consultations: ConsultationService;
}

/** Who did it and from where, for the audit log. */
export interface Actor {
  userId: string;
  sessionId: string;
  ip: string | undefined;
}

type PublicUserRecord = Omit<UserRecord, 'passwordHash'>;

const DAY_MS = 24 * 60 * 60 * 1000;
/** How many days `consultationsPerDay` covers, today included. */
export const STATS_DAYS = 14;
const DUPLICATE_KEY = 11000;

/** Waits in seconds, or null for none. */
const meanSeconds = (waitsMs: number[]) =>
  waitsMs.length === 0 ? null : Math.round(waitsMs.reduce((sum, value) => sum + value, 0) / waitsMs.length / 1000);

/**
 * The admin console: accounts, the audit log, and numbers. Admins manage accounts; nothing here
 * reads or returns anything anyone wrote to anyone (no message, no consultation reason or notes).
 */
export function createAdminService(deps: AdminServiceDeps) {
  const { sessions, passwords, audit, clock } = deps;
  const asAdmin = (actor: Actor) => ({ id: actor.userId, role: 'admin' as const });
  const from = (actor: Actor) => (actor.ip ? { ip: actor.ip } : {});

  async function findUser(id: string) {
    const user = await UserModel.findById(id);
    if (!user) throw errors.notFound('No such user');
    return user;
  }

  return {
    /** Every account, with emails; newest first, paginated by id. Search also matches the email. */
    async listUsers(actor: Actor, query: AdminUserListQuery): Promise<{ users: PublicUser[]; nextCursor: string | null }> {
      const filter = {
        $and: [
          searchFilter(query.search, true),
          query.role ? { role: query.role } : {},
          query.active !== undefined ? { active: query.active } : {},
          query.cursor ? { _id: mongoose.trusted({ $lt: new Types.ObjectId(query.cursor) }) } : {},
        ],
      };
      const users = await UserModel.find(filter, PUBLIC_USER_FIELDS)
        .sort({ _id: -1 })
        .limit(query.limit + 1)
        .lean<PublicUserRecord[]>();
      const page = users.slice(0, query.limit);
      return {
        users: page.map((user) => toPublicUser(user, asAdmin(actor))),
        nextCursor: users.length > query.limit ? page.at(-1)!._id.toString() : null,
      };
    },

    /** Creates a doctor or admin account (patients register themselves). */
    async createStaff(actor: Actor, input: CreateStaffInput): Promise<PublicUser> {
      if (input.specialty !== undefined && input.role !== 'doctor')
        throw errors.validation([{ path: 'specialty', message: 'only doctors have a specialty' }]);
      // Staff accounts see patients' records: the same password policy as everyone (password-policy.ts).
      await assertAcceptablePassword(passwords, input.password, 'password', input);
      const taken = 'An account with this email already exists';
      if (await UserModel.exists({ email: input.email })) throw errors.conflict(taken);
      let user;
      try {
        user = await UserModel.create({
          name: input.name,
          email: input.email,
          passwordHash: await passwords.hash(input.password),
          role: input.role,
          specialty: input.specialty ?? '',
        });
      } catch (error) {
        if ((error as { code?: number }).code === DUPLICATE_KEY) throw errors.conflict(taken);
        throw error;
      }
      const id = user._id.toString();
      await audit.record({ actorId: actor.userId, action: 'account.created', targetId: id, ...from(actor) });
      return toPublicUser(user, asAdmin(actor));
    },

    /**
     * Changes a role or (de)activates an account. Deactivating ends every session at once (their
     * sockets are disconnected by the realtime layer) and takes a patient out of the queue.
     */
    async updateAccount(actor: Actor, id: string, input: UpdateAccountInput): Promise<PublicUser> {
      if (id === actor.userId && (input.active === false || (input.role !== undefined && input.role !== 'admin'))) {
        throw errors.conflict('You cannot deactivate or demote your own account; ask another admin');
      }
      const user = await findUser(id);
      const previousRole = user.role;
      const roleChanged = input.role !== undefined && input.role !== user.role;
      const activeChanged = input.active !== undefined && input.active !== user.active;
      if (input.role !== undefined) user.role = input.role;
      if (input.active !== undefined) user.active = input.active;
      if (roleChanged && user.role !== 'doctor') user.available = false;
      await user.save();

      if (roleChanged || activeChanged) sessions.forgetUser(id);
      if (roleChanged) {
        // Open sockets keep their session, but leave the old role's room at once: a doctor made
        // admin must stop receiving the queue (with patients' reasons) before they next reconnect.
        deps.io.in(rooms.user(id)).socketsLeave(rooms.role(previousRole));
        deps.io.in(rooms.user(id)).socketsJoin(rooms.role(user.role));
      }
      if (activeChanged && !user.active) {
        await sessions.revokeAllForUser(id, 'deactivated');
        await deps.consultations.cancelWaitingOf(id);
      }
      if (roleChanged) await audit.record({ actorId: actor.userId, action: 'role.changed', targetId: id, ...from(actor) });
      if (activeChanged)
        await audit.record({
          actorId: actor.userId,
          action: user.active ? 'account.reactivated' : 'account.deactivated',
          targetId: id,
          ...from(actor),
        });
      return toPublicUser(user, asAdmin(actor));
    },

    /** Sets a new password and ends that user's sessions (the admin's own current one excepted). */
    async resetPassword(actor: Actor, id: string, password: string): Promise<void> {
      const user = await findUser(id);
      await assertAcceptablePassword(passwords, password, 'password', user);
      user.passwordHash = await passwords.hash(password);
      await user.save();
      await sessions.revokeAllForUser(id, 'revoked', id === actor.userId ? actor.sessionId : undefined);
      await audit.record({ actorId: actor.userId, action: 'password.reset', targetId: id, ...from(actor) });
    },

    /** The audit log, newest first. */
    async auditLog(query: {
      cursor?: string | undefined;
      limit: number;
    }): Promise<{ events: AuditEvent[]; nextCursor: string | null }> {
      const records = await AuditModel.find(
        query.cursor ? { _id: mongoose.trusted({ $lt: new Types.ObjectId(query.cursor) }) } : {},
      )
        .sort({ _id: -1 })
        .limit(query.limit + 1)
        .lean();
      const page = records.slice(0, query.limit);
      return { events: page.map(toAuditEvent), nextCursor: records.length > query.limit ? page.at(-1)!._id.toString() : null };
    },

    /**
     * Counts and waits. Plain counts and finds with in-memory grouping rather than `aggregate`,
     * whose date arithmetic FerretDB 1.24 lacks (see docs/queue.md). The overall average streams
     * over accepted consultations with a two-field projection, so memory stays flat.
     */
    async stats(): Promise<AdminStats> {
      const [roleCounts, statusCounts] = await Promise.all([
        Promise.all(ROLES.map((role) => UserModel.countDocuments({ role }))),
        Promise.all(CONSULTATION_STATUSES.map((status) => ConsultationModel.countDocuments({ status }))),
      ]);

      let waitTotalMs = 0;
      let waitCount = 0;
      const accepted = ConsultationModel.find({ acceptedAt: mongoose.trusted({ $ne: null }) }, { createdAt: 1, acceptedAt: 1 })
        .lean()
        .cursor();
      for await (const { createdAt, acceptedAt } of accepted) {
        if (!acceptedAt) continue;
        waitTotalMs += acceptedAt.getTime() - createdAt.getTime();
        waitCount += 1;
      }

      const today = Math.floor(clock.now() / DAY_MS) * DAY_MS;
      const since = new Date(today - (STATS_DAYS - 1) * DAY_MS);
      const recent = await ConsultationModel.find(
        { createdAt: mongoose.trusted({ $gte: since }) },
        { createdAt: 1, acceptedAt: 1 },
      ).lean();
      const days = Array.from({ length: STATS_DAYS }, (_, index) => ({
        day: new Date(since.getTime() + index * DAY_MS).toISOString().slice(0, 10),
        count: 0,
        waitsMs: [] as number[],
      }));
      for (const { createdAt, acceptedAt } of recent) {
        const day = days[Math.floor((createdAt.getTime() - since.getTime()) / DAY_MS)];
        if (!day) continue;
        day.count += 1;
        if (acceptedAt) day.waitsMs.push(acceptedAt.getTime() - createdAt.getTime());
      }

      return {
        usersByRole: Object.fromEntries(ROLES.map((role, index) => [role, roleCounts[index] ?? 0])) as AdminStats['usersByRole'],
        consultationsByStatus: Object.fromEntries(
          CONSULTATION_STATUSES.map((status, index) => [status, statusCounts[index] ?? 0]),
        ) as AdminStats['consultationsByStatus'],
        averageWaitSeconds: waitCount === 0 ? null : Math.round(waitTotalMs / waitCount / 1000),
        consultationsPerDay: days.map(({ day, count, waitsMs }) => ({ day, count, averageWaitSeconds: meanSeconds(waitsMs) })),
      };
    },
  };
}

export type AdminService = ReturnType<typeof createAdminService>;
