import {
  ROLES,
  type AdminStats,
  type AdminUserListQuery,
  type AuditEvent,
  type CreateStaffInput,
  type PublicUser,
  type UpdateAccountInput,
} from '@telehealth/shared';
import { errors } from '../../lib/app-error.js';
import type { Clock } from '../../lib/clock.js';
import { rooms, type RealtimeServer } from '../../realtime/types.js';
import { readAuditPage, type AuditLog } from '../audit/index.js';
import { assertAcceptablePassword, type PasswordHasher, type SessionStore } from '../auth/index.js';
import { consultationStats } from '../consultations/index.js';
import {
  countUsersWithRole,
  createAccount,
  emailTaken,
  emailTakenError,
  listAllUsers,
  loadAccount,
  toPublicUser,
} from '../users/index.js';

export interface AdminServiceDeps {
  clock: Clock;
  io: RealtimeServer;
  sessions: SessionStore;
  passwords: PasswordHasher;
  audit: AuditLog;
  /** takes a deactivated patient out of the queue (consultations module) */
  cancelWaitingOf(patientId: string): Promise<void>;
}

/** Who did it and from where, for the audit log. */
export interface Actor {
  userId: string;
  sessionId: string;
  ip: string | undefined;
}

export { STATS_DAYS } from '../consultations/index.js';

type Deps = AdminServiceDeps;
const asAdmin = (actor: Actor) => ({ id: actor.userId, role: 'admin' as const });
const from = (actor: Actor) => (actor.ip ? { ip: actor.ip } : {});

async function findUser(id: string) {
  const user = await loadAccount(id);
  if (!user) throw errors.notFound('No such user');
  return user;
}

/** Every account, with emails; newest first, paginated by id. Search also matches the email. */
async function listUsers(actor: Actor, query: AdminUserListQuery): Promise<{ users: PublicUser[]; nextCursor: string | null }> {
  const { users, nextCursor } = await listAllUsers(query);
  return { users: users.map((user) => toPublicUser(user, asAdmin(actor))), nextCursor };
}

/** Creates a doctor or admin account (patients register themselves). */
async function createStaff(deps: Deps, actor: Actor, input: CreateStaffInput): Promise<PublicUser> {
  if (input.specialty !== undefined && input.role !== 'doctor')
    throw errors.validation([{ path: 'specialty', message: 'only doctors have a specialty' }]);
  // Staff accounts see patients' records: the same password policy as everyone (password-policy.ts).
  await assertAcceptablePassword(deps.passwords, input.password, 'password', input);
  if (await emailTaken(input.email)) throw emailTakenError();
  const user = await createAccount({
    name: input.name,
    email: input.email,
    passwordHash: await deps.passwords.hash(input.password),
    role: input.role,
    specialty: input.specialty ?? '',
  });
  const id = user._id.toString();
  await deps.audit.record({ actorId: actor.userId, action: 'account.created', targetId: id, ...from(actor) });
  return toPublicUser(user, asAdmin(actor));
}

/**
 * Changes a role or (de)activates an account. Deactivating ends every session at once (their
 * sockets are disconnected by the realtime layer) and takes a patient out of the queue.
 */
async function updateAccount(deps: Deps, actor: Actor, id: string, input: UpdateAccountInput): Promise<PublicUser> {
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

  if (roleChanged || activeChanged) deps.sessions.forgetUser(id);
  if (roleChanged) {
    // Open sockets keep their session, but leave the old role's room at once: a doctor made
    // admin must stop receiving the queue (with patients' reasons) before they next reconnect.
    deps.io.in(rooms.user(id)).socketsLeave(rooms.role(previousRole));
    deps.io.in(rooms.user(id)).socketsJoin(rooms.role(user.role));
  }
  if (activeChanged && !user.active) {
    await deps.sessions.revokeAllForUser(id, 'deactivated');
    await deps.cancelWaitingOf(id);
  }
  if (roleChanged) await deps.audit.record({ actorId: actor.userId, action: 'role.changed', targetId: id, ...from(actor) });
  if (activeChanged)
    await deps.audit.record({
      actorId: actor.userId,
      action: user.active ? 'account.reactivated' : 'account.deactivated',
      targetId: id,
      ...from(actor),
    });
  return toPublicUser(user, asAdmin(actor));
}

/** Sets a new password and ends that user's sessions (the admin's own current one excepted). */
async function resetPassword(deps: Deps, actor: Actor, id: string, password: string): Promise<void> {
  const user = await findUser(id);
  await assertAcceptablePassword(deps.passwords, password, 'password', user);
  user.passwordHash = await deps.passwords.hash(password);
  await user.save();
  await deps.sessions.revokeAllForUser(id, 'revoked', id === actor.userId ? actor.sessionId : undefined);
  await deps.audit.record({ actorId: actor.userId, action: 'password.reset', targetId: id, ...from(actor) });
}

/** Accounts by role and the consultations' numbers (consultations/consultation-stats.ts). */
async function stats(deps: Deps): Promise<AdminStats> {
  const [roleCounts, consultations] = await Promise.all([
    Promise.all(ROLES.map((role) => countUsersWithRole(role))),
    consultationStats(deps.clock),
  ]);
  return {
    usersByRole: Object.fromEntries(ROLES.map((role, index) => [role, roleCounts[index] ?? 0])) as AdminStats['usersByRole'],
    ...consultations,
  };
}

/**
 * The admin console: accounts, the audit log, and numbers. Admins manage accounts; nothing here
 * reads or returns anything anyone wrote to anyone (no message, no consultation reason or notes).
 */
export function createAdminService(deps: AdminServiceDeps) {
  return {
    listUsers: (actor: Actor, query: AdminUserListQuery) => listUsers(actor, query),
    createStaff: (actor: Actor, input: CreateStaffInput) => createStaff(deps, actor, input),
    updateAccount: (actor: Actor, id: string, input: UpdateAccountInput) => updateAccount(deps, actor, id, input),
    resetPassword: (actor: Actor, id: string, password: string) => resetPassword(deps, actor, id, password),
    /** The audit log, newest first. */
    auditLog: (query: {
      cursor?: string | undefined;
      limit: number;
    }): Promise<{ events: AuditEvent[]; nextCursor: string | null }> => readAuditPage(query),
    stats: () => stats(deps),
  };
}

export type AdminService = ReturnType<typeof createAdminService>;
