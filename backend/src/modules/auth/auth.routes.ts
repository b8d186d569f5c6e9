import { Router, type Request, type RequestHandler, type Response } from 'express';
import { loginSchema, passwordChangeSchema, registerSchema, type SocketTicketAnswer } from '@telehealth/shared';
import type { Config } from '../../config/config.js';
import { clearCookieOptions, SESSION_COOKIE, sessionCookieOptions } from '../../lib/cookies.js';
import { endpoint } from '../../lib/endpoint.js';
import { currentUser, requireAuth } from '../../middleware/require-auth.js';
import type { AuthService, ClientInfo, SignedIn } from './auth.service.js';
import { DEVICE_COOKIE, deviceCookieOptions } from './device-cookie.js';
import type { SocketTickets } from './socket-ticket.js';

export function authRoutes(deps: {
  auth: AuthService;
  config: Config;
  signupLimiter: RequestHandler[];
  socketTickets: SocketTickets;
}): Router {
  const { auth, config } = deps;

  const client = (req: Request): ClientInfo => ({
    ip: req.ip,
    deviceCookie: (req.cookies as Record<string, unknown>)[DEVICE_COOKIE],
  });
  const signedIn = (res: Response, { token, deviceCookie }: SignedIn) =>
    res
      .cookie(SESSION_COOKIE, token, sessionCookieOptions(config))
      .cookie(DEVICE_COOKIE, deviceCookie, deviceCookieOptions(config));

  const register = endpoint({ body: registerSchema }, async ({ body, res }) => {
    const answer = await auth.register(body);
    signedIn(res, answer).status(201).json({ user: answer.user });
  });

  const login = endpoint({ body: loginSchema }, async ({ body, req, res }) => {
    const answer = await auth.login(body, client(req));
    signedIn(res, answer).json({ user: answer.user });
  });

  const logout = endpoint({}, async ({ req, res }) => {
    const { userId, sessionId } = currentUser(req);
    await auth.logout(userId, sessionId, req.ip);
    res.clearCookie(SESSION_COOKIE, clearCookieOptions(config)).status(204).end();
  });

  const me = endpoint({}, async ({ req, res }) => {
    res.json({ user: await auth.me(currentUser(req).userId) });
  });

  // Who is signed in, as a question rather than a demand: the sign-in page asks on every visit,
  // and a 401 there would be logged as an error in every browser console.
  const session = endpoint({}, async ({ req, res }) => {
    res.json({ user: req.auth ? await auth.me(req.auth.userId) : null });
  });

  const changePassword = endpoint({ body: passwordChangeSchema }, async ({ body, req, res }) => {
    const { userId, sessionId } = currentUser(req);
    await auth.changePassword(userId, sessionId, body, client(req));
    res.status(204).end();
  });

  const socketTicket = endpoint({}, async ({ req, res }) => {
    const answer: SocketTicketAnswer = { ...deps.socketTickets.issue(currentUser(req)), socketUrl: config.socketOrigin ?? null };
    res.json(answer);
  });

  return (
    Router()
      // Over-limit sign-ups are refused here, before their body is parsed or their password hashed.
      .post('/register', ...deps.signupLimiter, register)
      .post('/login', login)
      .post('/logout', requireAuth, logout)
      .get('/me', requireAuth, me)
      .get('/session', session)
      .post('/password', requireAuth, changePassword)
      .post('/socket-ticket', requireAuth, socketTicket)
  );
}
