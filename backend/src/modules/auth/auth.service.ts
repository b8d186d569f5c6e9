import pLimit from 'p-limit';
import type { LoginInput, PasswordChangeInput, PublicUser, RegisterInput } from '@telehealth/shared';
import { errors } from '../../lib/app-error.js';
import type { AuditLog } from '../audit/index.js';
import {
  createAccount,
  emailTaken,
  emailTakenError,
  loadAccount,
  readAccountByEmail,
  readPublicUser,
  toPublicUser,
  type UserRecord,
} from '../users/index.js';
import type { DeviceCookies } from './device-cookie.js';
import type { LoginLimiter } from './login-limiter.js';
import type { PasswordHasher } from './password-hasher.js';
import { assertAcceptablePassword } from './password-policy.js';
import type { SessionStore } from './session-store.js';
import type { TokenService } from './tokens.js';

export interface AuthServiceDeps {
  passwords: PasswordHasher;
  sessions: SessionStore;
  tokens: TokenService;
  audit: AuditLog;
  loginLimiter: LoginLimiter;
  devices: DeviceCookies;
  sessionMaxMs: number;
}

/** Where a password check comes from: the client's address and the device cookie it sent. */
export interface ClientInfo {
  ip: string | undefined;
  deviceCookie: unknown;
}

export interface SignedIn {
  user: PublicUser;
  token: string;
  /** a fresh device cookie: this browser is now one the account has signed in on */
  deviceCookie: string;
}

// Compared against when the email is unknown, so a wrong email costs as long as a wrong password.
const UNKNOWN_USER_HASH = '$2b$10$7Q3niuwo61/ZT1598YjW0eTQNMqgX/26hFKnq7HkoSJtSkW0bldHm';

async function signIn(deps: AuthServiceDeps, user: UserRecord): Promise<SignedIn> {
  const id = user._id.toString();
  const { sessionId } = await deps.sessions.create(id);
  const token = deps.tokens.sign({ sub: id, sid: sessionId }, Math.floor(deps.sessionMaxMs / 1000));
  return { user: toPublicUser(user, { id, role: user.role }), token, deviceCookie: deps.devices.issue(user.email) };
}

/** Compares a password within the login limits (login-limiter.ts): only failures are counted. */
async function passwordMatches(
  deps: AuthServiceDeps,
  email: string,
  password: string,
  hash: string,
  client: ClientInfo,
): Promise<boolean> {
  const attempt = await deps.loginLimiter.begin({
    email,
    ip: client.ip,
    device: deps.devices.deviceFor(client.deviceCookie, email),
  });
  const matches = await deps.passwords.compare(password, hash);
  if (matches) await attempt.succeeded();
  return matches;
}

/** A login's own work, in its turn (`createAuthService`). */
async function logIn(deps: AuthServiceDeps, input: LoginInput, client: ClientInfo): Promise<SignedIn> {
  const { ip } = client;
  // By `_id` reads only, through the email's row (users/account-emails.ts): on FerretDB a query on
  // the email would be a scan of every account.
  const user = await readAccountByEmail(input.email);
  const matches = await passwordMatches(deps, input.email, input.password, user?.passwordHash ?? UNKNOWN_USER_HASH, client);
  if (!user || !matches || !user.active) {
    // Nobody was signed in: the account is what was tried, not who did it.
    await deps.audit.record({
      actorId: null,
      action: 'login.failure',
      ...(user ? { targetId: user._id.toString() } : {}),
      ...(ip ? { ip } : {}),
    });
    // One message for unknown email, wrong password and deactivated account: nothing to probe.
    throw errors.invalidCredentials();
  }
  await deps.audit.record({ actorId: user._id.toString(), action: 'login.success', ...(ip ? { ip } : {}) });
  return signIn(deps, user);
}

export function createAuthService(deps: AuthServiceDeps) {
  // Logins take turns (p-limit), one more at a time than the hasher has workers, so it never waits
  // for the next: fifty arriving together otherwise all read their accounts and open their limits
  // at once, and the messages arriving in that moment wait behind them, while the logins would
  // wait for the hasher anyway (docs/performance.md, "Login burst").
  const loginTurn = pLimit(deps.passwords.workers + 1);

  return {
    /** Creates a patient account (registration never makes anything else) and signs it in. */
    async register(input: RegisterInput): Promise<SignedIn> {
      await assertAcceptablePassword(deps.passwords, input.password, 'password', input);
      // Hashed before the email is looked up: a taken email costs the same time as a new one, so
      // the answer's timing does not tell which emails have accounts (the sign-up limit bounds
      // how many a client may ask about).
      const passwordHash = await deps.passwords.hash(input.password);
      if (await emailTaken(input.email)) throw emailTakenError();
      // Two registrations racing for one email: the unique index decides (createAccount).
      const user = await createAccount({ name: input.name, email: input.email, passwordHash, role: 'patient' });
      const id = user._id.toString();
      await deps.audit.record({ actorId: id, action: 'account.created', targetId: id });
      return signIn(deps, user);
    },

    /** Signs in by email and password, in its turn (`loginTurn`). */
    login(input: LoginInput, client: ClientInfo): Promise<SignedIn> {
      return loginTurn(() => logIn(deps, input, client));
    },

    async logout(userId: string, sessionId: string, ip: string | undefined): Promise<void> {
      await deps.sessions.revoke(sessionId);
      await deps.audit.record({ actorId: userId, action: 'logout', ...(ip ? { ip } : {}) });
    },

    async me(userId: string): Promise<PublicUser> {
      const user = await readPublicUser(userId);
      if (!user) throw errors.unauthenticated();
      return toPublicUser(user, { id: userId, role: user.role });
    },

    /**
     * Changes the password and ends every other session (a stolen one included). The current
     * password is checked within the login limits: a stolen session cannot guess it unthrottled.
     */
    async changePassword(userId: string, sessionId: string, input: PasswordChangeInput, client: ClientInfo): Promise<void> {
      const { ip } = client;
      const user = await loadAccount(userId);
      if (!user) throw errors.unauthenticated();
      await assertAcceptablePassword(deps.passwords, input.newPassword, 'newPassword', user);
      if (!(await passwordMatches(deps, user.email, input.currentPassword, user.passwordHash, client))) {
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
