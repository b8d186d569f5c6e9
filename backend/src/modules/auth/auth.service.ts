import type { LoginInput, PasswordChangeInput, PublicUser, RegisterInput } from '@telehealth/shared';
import mongoose from 'mongoose';
import { errors } from '../../lib/app-error.js';
import { createBatchLoader } from '../../lib/batch-loader.js';
import type { AuditLog } from '../audit/audit.service.js';
import { toPublicUser, UserModel, type UserRecord } from '../users/user.model.js';
import type { PasswordHasher } from './password-hasher.js';
import type { SessionStore } from './session-store.js';
import type { TokenService } from './tokens.js';

export interface AuthServiceDeps {
  passwords: PasswordHasher;
  sessions: SessionStore;
  tokens: TokenService;
  audit: AuditLog;
  sessionMaxMs: number;
}

export interface SignedIn {
  user: PublicUser;
  token: string;
}

// Compared against when the email is unknown, so a wrong email costs as long as a wrong password.
const UNKNOWN_USER_HASH = '$2b$10$7Q3niuwo61/ZT1598YjW0eTQNMqgX/26hFKnq7HkoSJtSkW0bldHm';

export function createAuthService(deps: AuthServiceDeps) {
  // Logins arriving together look their accounts up with one query: on FerretDB an email lookup
  // is a scan of every account (only `_id` is indexed there), and 50 logins at once were 50 scans
  // competing with everyone's messages. Each login is still answered by a query that started after
  // it asked (batch-loader.ts), so a password just changed is the one compared.
  const accountsByEmail = createBatchLoader<string, UserRecord>(async (emails) => {
    const users = await UserModel.find({ email: mongoose.trusted({ $in: emails }) }).lean<UserRecord[]>();
    return new Map(users.map((user) => [user.email, user]));
  });

  async function signIn(userId: string): Promise<string> {
    const { sessionId } = await deps.sessions.create(userId);
    return deps.tokens.sign({ sub: userId, sid: sessionId }, Math.floor(deps.sessionMaxMs / 1000));
  }

  return {
    /** Creates a patient account (registration never makes anything else) and signs it in. */
    async register(input: RegisterInput): Promise<SignedIn> {
      if (await UserModel.exists({ email: input.email })) throw errors.conflict('An account with this email already exists');
      const passwordHash = await deps.passwords.hash(input.password);
      let user;
      try {
        user = await UserModel.create({ name: input.name, email: input.email, passwordHash, role: 'patient' });
      } catch (error) {
        // Two registrations racing for one email: the unique index decides.
        if ((error as { code?: number }).code === 11000) throw errors.conflict('An account with this email already exists');
        throw error;
      }
      const id = user._id.toString();
      await deps.audit.record({ actorId: id, action: 'account.created', targetId: id });
      return { user: toPublicUser(user, { id, role: user.role }), token: await signIn(id) };
    },

    async login(input: LoginInput, ip: string | undefined): Promise<SignedIn> {
      const user = await accountsByEmail.load(input.email);
      const matches = await deps.passwords.compare(input.password, user?.passwordHash ?? UNKNOWN_USER_HASH);
      if (!user || !matches || !user.active) {
        await deps.audit.record({ actorId: user?._id.toString() ?? null, action: 'login.failure', ...(user ? { targetId: user._id.toString() } : {}), ...(ip ? { ip } : {}) });
        // One message for unknown email, wrong password and deactivated account: nothing to probe.
        throw errors.invalidCredentials();
      }
      const id = user._id.toString();
      await deps.audit.record({ actorId: id, action: 'login.success', ...(ip ? { ip } : {}) });
      return { user: toPublicUser(user, { id, role: user.role }), token: await signIn(id) };
    },

    async logout(userId: string, sessionId: string, ip: string | undefined): Promise<void> {
      await deps.sessions.revoke(sessionId);
      await deps.audit.record({ actorId: userId, action: 'logout', ...(ip ? { ip } : {}) });
    },

    async me(userId: string): Promise<PublicUser> {
      const user = await UserModel.findById(userId, { passwordHash: 0 }).lean();
      if (!user) throw errors.unauthenticated();
      return toPublicUser(user, { id: userId, role: user.role });
    },

    /** Changes the password and ends every other session (a stolen one included). */
    async changePassword(userId: string, sessionId: string, input: PasswordChangeInput, ip: string | undefined): Promise<void> {
      const user = await UserModel.findById(userId);
      if (!user) throw errors.unauthenticated();
      if (!(await deps.passwords.compare(input.currentPassword, user.passwordHash))) {
        throw errors.validation([{ path: 'currentPassword', message: 'is not your current password' }]);
      }
      user.passwordHash = await deps.passwords.hash(input.newPassword);
      await user.save();
      await deps.sessions.revokeAllForUser(userId, 'revoked', sessionId);
      await deps.audit.record({ actorId: userId, action: 'password.change', targetId: userId, ...(ip ? { ip } : {}) });
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
