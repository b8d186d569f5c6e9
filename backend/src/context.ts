import type { RequestHandler } from 'express';
import type { Store } from 'express-rate-limit';
import { Server } from 'socket.io';
import type { Config } from './config/config.js';
import { systemClock, type Clock } from './lib/clock.js';
import type { Logger } from './lib/logger.js';
import { createConcurrencyLimit, createMessagingLimits, type ConcurrencyLimit, type MessagingLimits } from './lib/rate-limits.js';
import { createAdminService, type AdminService } from './modules/admin/index.js';
import { createAuditLog, type AuditLog } from './modules/audit/index.js';
import {
  createAuthService,
  createDeviceCookies,
  createLoginLimiter,
  createPasswordHasher,
  createSignupLimiter,
  createSocketTickets,
  createTokenService,
  memoryTicketLedger,
  SessionStore,
  type AuthService,
  type PasswordHasher,
  type SocketTickets,
  type TicketLedger,
  type TokenService,
} from './modules/auth/index.js';
import { createCallService, type CallRegistry, type CallService } from './modules/calls/index.js';
import { createConsentService, type ConsentService } from './modules/consent/index.js';
import {
  consultedWith,
  createConsultationService,
  pairConsultations,
  relationBetween,
  type ConsultationService,
} from './modules/consultations/index.js';
import { createGridFsStorage, type FileStorage } from './modules/files/index.js';
import { createMessageService, type MessageService, type MessageServiceDeps } from './modules/messages/index.js';
import { createUserService, type UserService } from './modules/users/index.js';
import { createLocalPresence, type PresenceRegistry } from './realtime/presence-registry.js';
import type { RealtimeServer } from './realtime/types.js';

/**
 * Everything the routes and socket handlers depend on, built once, here and nowhere else: each
 * service declares what it needs (its `…Deps` interface) and is handed exactly that. Routes emit
 * through `io`, which exists before the HTTP server does and is attached to it in `startServer`.
 */
export interface AppContext {
  config: Config;
  logger: Logger;
  clock: Clock;
  io: RealtimeServer;
  tokens: TokenService;
  sessions: SessionStore;
  socketTickets: SocketTickets;
  passwords: PasswordHasher;
  audit: AuditLog;
  auth: AuthService;
  presence: PresenceRegistry;
  /** runs before a sign-up is parsed or hashed (modules/auth/signup-limiter.ts) */
  signupLimiter: RequestHandler[];
  /** the telehealth consent a patient accepts before asking for a consultation */
  consent: ConsentService;
  consultations: ConsultationService;
  users: UserService;
  admin: AdminService;
  files: FileStorage;
  /** uploads running now, per user and in this process (modules/files/upload.ts) */
  uploadSlots: ConcurrencyLimit;
  /** per-user flood limits for messages, reactions, edits and typing (lib/rate-limits.ts) */
  messagingLimits: MessagingLimits;
  messages: MessageService;
  calls: CallService;
}

export interface ContextOverrides {
  clock?: Clock;
  presence?: PresenceRegistry;
  rateLimitStore?: (prefix: string) => Store;
  /** how long a call survives its socket dropping (tests shorten it) */
  callDisconnectGraceMs?: number;
  /** live calls shared through Redis when scaled out */
  callRegistry?: CallRegistry;
  /** several instances share events through the Redis adapter */
  scaled?: boolean;
  /** used socket tickets, shared through Redis when scaled out */
  ticketLedger?: TicketLedger;
  /** how often the waiting line is re-read from the database (tests shorten it) */
  queueReloadIntervalMs?: number;
}

function createSocketServer(config: Config): RealtimeServer {
  return new Server({
    // The handshake carries a ticket, not the cookie, so cross-origin polling needs no credentials.
    cors: { origin: config.corsOrigins, credentials: false },
    // A phone that drops to a train tunnel for a minute gets its buffered events on return.
    connectionStateRecovery: { maxDisconnectionDuration: 60_000, skipMiddlewares: false },
    maxHttpBufferSize: 256 * 1024,
  });
}

type AuthParts = Pick<AppContext, 'tokens' | 'sessions' | 'socketTickets' | 'passwords' | 'audit' | 'auth' | 'signupLimiter'>;

/** Sessions, tokens, passwords, the audit log and the limits on signing in and up. */
function createAuthParts(config: Config, clock: Clock, overrides: ContextOverrides): AuthParts {
  const tokens = createTokenService(config.jwtSecret);
  const sessions = new SessionStore({ clock, idleMs: config.sessionIdleMs, maxMs: config.sessionMaxMs });
  const socketTickets = createSocketTickets({
    jwtSecret: config.jwtSecret,
    clock,
    ledger: overrides.ticketLedger ?? memoryTicketLedger(clock),
  });
  const passwords = createPasswordHasher({ rounds: config.bcryptRounds });
  const audit = createAuditLog(clock);
  const makeStore = overrides.rateLimitStore ? { makeStore: overrides.rateLimitStore } : {};
  const loginLimiter = createLoginLimiter({
    maxAttempts: config.loginMaxAttempts,
    maxAttemptsPerIp: config.loginMaxAttemptsPerIp,
    windowMs: config.loginWindowMs,
    ...makeStore,
  });
  const signupLimiter = createSignupLimiter({
    maxPerIpPerHour: config.signupMaxPerIpPerHour,
    maxPerMinute: config.signupMaxPerMinute,
    ...makeStore,
  });
  const devices = createDeviceCookies(config.jwtSecret);
  const auth = createAuthService({
    passwords,
    sessions,
    tokens,
    audit,
    loginLimiter,
    devices,
    sessionMaxMs: config.sessionMaxMs,
  });
  return { tokens, sessions, socketTickets, passwords, audit, auth, signupLimiter };
}

export function createContext(config: Config, logger: Logger, overrides: ContextOverrides = {}): AppContext {
  const clock = overrides.clock ?? systemClock;
  const io = createSocketServer(config);
  const authParts = createAuthParts(config, clock, overrides);
  const { sessions } = authParts;
  const presence = overrides.presence ?? createLocalPresence();
  const files = createGridFsStorage();
  const removeFile = (fileId: string) => files.remove(fileId);
  const consent = createConsentService({ clock, audit: authParts.audit });
  const consultations = createConsultationService({
    clock,
    requireConsent: (patientId) => consent.requireCurrentAcceptance(patientId),
    // Messages is built below; these run only once a doctor acts, long after the context is built.
    onStarted: (consultation) => messages.consultationStarted(consultation),
    onCompleted: (consultation) => messages.consultationCompleted(consultation),
    io,
    presence,
    logger,
    scaled: overrides.scaled ?? false,
    ...(overrides.queueReloadIntervalMs ? { queueReloadIntervalMs: overrides.queueReloadIntervalMs } : {}),
  });
  const users = createUserService({
    consultedWith,
    relationBetween,
    removeFile,
    doctorAvailabilityChanged: (doctorId, available) => consultations.doctorAvailabilityChanged(doctorId, available),
  });
  const admin = createAdminService({
    ...authParts,
    clock,
    io,
    cancelWaitingOf: (patientId) => consultations.cancelWaitingOf(patientId),
  });
  // `followUpDays` is read by message-permissions.ts, which is handed these deps whole; it is not
  // (yet) named in MessageServiceDeps, so it rides along beside them.
  const messageDeps: MessageServiceDeps & { followUpDays: number } = {
    io,
    clock,
    logger,
    removeFile,
    relationBetween,
    userStatus: (userId) => sessions.userStatus(userId),
    followUpDays: config.followUpDays,
  };
  const messages = createMessageService(messageDeps);
  const calls = createCallService({
    io,
    presence,
    clock,
    logger,
    relationBetween,
    pairConsultations,
    ringMs: config.callRingMs,
    disconnectGraceMs: overrides.callDisconnectGraceMs ?? 5_000,
    recordCall: (record) => messages.recordCall(record),
    ...(overrides.callRegistry ? { registry: overrides.callRegistry } : {}),
  });
  return {
    config,
    logger,
    clock,
    io,
    ...authParts,
    presence,
    consent,
    consultations,
    users,
    admin,
    files,
    uploadSlots: createConcurrencyLimit({ perUser: config.uploadsPerUser, perInstance: config.uploadsPerInstance }),
    messagingLimits: createMessagingLimits({ burst: config.messageBurst, perSecond: config.messagesPerMinute / 60 }),
    messages,
    calls,
  };
}
