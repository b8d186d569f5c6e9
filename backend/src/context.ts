import type { Store } from 'express-rate-limit';
import { Server } from 'socket.io';
import type { Config } from './config/config.js';
import type { Clock } from './lib/clock.js';
import { systemClock } from './lib/clock.js';
import type { Logger } from './lib/logger.js';
import { createAuditLog, type AuditLog } from './modules/audit/audit.service.js';
import { createAuthService, type AuthService } from './modules/auth/auth.service.js';
import { createLoginLimiters, type LoginLimiters } from './modules/auth/login-limiter.js';
import { createPasswordHasher, type PasswordHasher } from './modules/auth/password-hasher.js';
import { SessionStore } from './modules/auth/session-store.js';
import { createTokenService, type TokenService } from './modules/auth/tokens.js';
import { createConsultationService, type ConsultationService } from './modules/consultations/consultation.service.js';
import type { CallRegistry } from './modules/calls/call-registry.js';
import { createCallService, type CallService } from './modules/calls/call.service.js';
import { createGridFsStorage, type FileStorage } from './modules/files/file-storage.js';
import { createMessageService, type MessageService } from './modules/messages/message.service.js';
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
  passwords: PasswordHasher;
  audit: AuditLog;
  auth: AuthService;
  presence: PresenceRegistry;
  loginLimiters: LoginLimiters;
  consultations: ConsultationService;
  files: FileStorage;
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
  /** how often the waiting line is re-read from the database (tests shorten it) */
  queueReloadIntervalMs?: number;
}

export function createContext(config: Config, logger: Logger, overrides: ContextOverrides = {}): AppContext {
  const clock = overrides.clock ?? systemClock;
  const io: RealtimeServer = new Server({
    cors: { origin: config.corsOrigins, credentials: true },
    // A phone that drops to a train tunnel for a minute gets its buffered events on return.
    connectionStateRecovery: { maxDisconnectionDuration: 60_000, skipMiddlewares: false },
    maxHttpBufferSize: 256 * 1024,
  });
  const tokens = createTokenService(config.jwtSecret);
  const sessions = new SessionStore({ clock, idleMs: config.sessionIdleMs, maxMs: config.sessionMaxMs });
  const passwords = createPasswordHasher({ rounds: config.bcryptRounds });
  const audit = createAuditLog(clock);
  const auth = createAuthService({ passwords, sessions, tokens, audit, sessionMaxMs: config.sessionMaxMs });
  const loginLimiters = createLoginLimiters({
    maxAttempts: config.loginMaxAttempts,
    windowMs: config.loginWindowMs,
    ...(overrides.rateLimitStore ? { makeStore: overrides.rateLimitStore } : {}),
  });
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
    passwords,
    audit,
    auth,
    presence,
    loginLimiters,
    consultations: createConsultationService({
      clock,
      io,
      presence,
      logger,
      scaled: overrides.scaled ?? false,
      ...(overrides.queueReloadIntervalMs ? { queueReloadIntervalMs: overrides.queueReloadIntervalMs } : {}),
    }),
    files,
    messages,
    calls,
  };
}
