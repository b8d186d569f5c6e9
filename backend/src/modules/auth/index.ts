// The auth module's public entry: accounts signing in and out, sessions, socket tickets, and the
// middleware that turns a session cookie into `req.auth`.
export { createAuthService, type AuthService, type AuthServiceDeps, type ClientInfo, type SignedIn } from './auth.service.js';
export { authRoutes } from './auth.routes.js';
export { authenticate } from './authenticate.js';
export { createDeviceCookies } from './device-cookie.js';
export { createLoginLimiter } from './login-limiter.js';
export { createSignupLimiter } from './signup-limiter.js';
export { createPasswordHasher, type PasswordHasher } from './password-hasher.js';
export { assertAcceptablePassword } from './password-policy.js';
export { SessionStore, type AuthIdentity, type SessionEndReason } from './session-store.js';
export {
  createSocketTickets,
  memoryTicketLedger,
  redisTicketLedger,
  type SocketTickets,
  type TicketLedger,
} from './socket-ticket.js';
export { createTokenService, type TokenService } from './tokens.js';
