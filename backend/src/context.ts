import type { Store } from 'express-rate-limit';
import { Server } from 'socket.io';
import type { Config } from './config/config.js';
import type { Clock } from './lib/clock.js';
import { systemClock } from './lib/clock.js';
import type { Logger } from './lib/logger.js';
import { createAuditLog, type AuditLog } from './modules/audit/audit.service.js';
import { createAuthService, type AuthService } from './modules/auth/auth.service.js';
import type { RequestHandler } from 'express';
import { createDeviceCookies } from './modules/auth/device-cookie.js';
import { createLoginLimiter } from './modules/auth/login-limiter.js';
import { createSignupLimiter } from './modules/auth/signup-limiter.js';
import { createPasswordHasher, type PasswordHasher } from './modules/auth/password-hasher.js';
import { SessionStore } from './modules/auth/session-store.js';
import { createSocketTickets, memoryTicketLedger, type SocketTickets, type TicketLedger } from './modules/auth/socket-ticket.js';
import { createTokenService, type TokenService } from './modules/auth/tokens.js';
import { createConsultationService, type ConsultationService } from './modules/consultations/consultation.service.js';
import type { CallRegistry } from './modules/calls/call-registry.js';
import { createCallService, type CallService } from './modules/calls/call.service.js';
import { createGridFsStorage, type FileStorage } from './modules/files/file-storage.js';
import { createMessageService, type MessageService } from './modules/messages/message.service.js';
import { createConcurrencyLimit, createMessagingLimits, type ConcurrencyLimit, type MessagingLimits } from './lib/rate-limits.js';
import { createLocalPresence, type PresenceRegistry } from './realtime/presence-registry.js';
import type { RealtimeServer } from './realtime/types.js';

/**
 * Everything the routes and socket handlers depend on, built once. Routes emit through `io`,
 * which exists before the HTTP server does and is attached to it in `startServer`.
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
  consultations: ConsultationService;
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

export function createContext(config: Config, logger: Logger, overrides: ContextOverrides = {}): AppContext {
  const clock = overrides.clock ?? systemClock;
  const io: RealtimeServer = new Server({
    // The handshake carries a ticket, not the cookie, so cross-origin polling needs no credentials.
    cors: { origin: config.corsOrigins, credentials: false },
    // A phone that drops to a train tunnel for a minute gets its buffered events on return.
    connectionStateRecovery: { maxDisconnectionDuration: 60_000, skipMiddlewares: false },
    maxHttpBufferSize: 256 * 1024,
  });
  const tokens = createTokenService(config.jwtSecret);
  const sessions = new SessionStore({ clock, idleMs: config.sessionIdleMs, maxMs: config.sessionMaxMs });
  const socketTickets = createSocketTickets({ jwtSecret: config.jwtSecret, clock, ledger: overrides.ticketLedger ?? memoryTicketLedger(clock) });
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
  const auth = createAuthService({ passwords, sessions, tokens, audit, loginLimiter, devices, sessionMaxMs: config.sessionMaxMs });
  const presence = overrides.presence ?? createLocalPresence();
  const files = createGridFsStorage();
  const messages = createMessageService({ io, clock, logger, files, sessions });
  const calls = createCallService({
    io,
    presence,
    clock,
    logger,
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
    tokens,
    sessions,
    socketTickets,
    passwords,
    audit,
    auth,
    presence,
    signupLimiter,
    consultations: createConsultationService({
      clock,
      io,
      presence,
      logger,
      scaled: overrides.scaled ?? false,
      ...(overrides.queueReloadIntervalMs ? { queueReloadIntervalMs: overrides.queueReloadIntervalMs } : {}),
    }),
    files,
    uploadSlots: createConcurrencyLimit({ perUser: config.uploadsPerUser, perInstance: config.uploadsPerInstance }),
    messagingLimits: createMessagingLimits({ burst: config.messageBurst, perSecond: config.messagesPerMinute / 60 }),
    messages,
    calls,
  };
}
