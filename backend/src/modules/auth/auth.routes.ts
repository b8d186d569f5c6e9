import { Router } from 'express';
import { loginSchema, passwordChangeSchema, registerSchema } from '@telehealth/shared';
import type { Config } from '../../config/config.js';
import { clearCookieOptions, SESSION_COOKIE, sessionCookieOptions } from '../../lib/cookies.js';
import { endpoint } from '../../lib/endpoint.js';
import { currentUser, requireAuth } from '../../middleware/authenticate.js';
import type { AuthService } from './auth.service.js';
import type { LoginLimiters } from './login-limiter.js';

export function authRoutes(deps: { auth: AuthService; config: Config; loginLimiters: LoginLimiters }): Router {
  const { auth, config } = deps;

  const register = endpoint({ body: registerSchema }, async ({ body, res }) => {
    const { user, token } = await auth.register(body);
    res.cookie(SESSION_COOKIE, token, sessionCookieOptions(config)).status(201).json({ user });
  });

  const login = endpoint({ body: loginSchema }, async ({ body, req, res }) => {
    const { user, token } = await auth.login(body, req.ip);
    res.cookie(SESSION_COOKIE, token, sessionCookieOptions(config)).json({ user });
  });

  const logout = endpoint({}, async ({ req, res }) => {
    const { userId, sessionId } = currentUser(req);
    await auth.logout(userId, sessionId, req.ip);
    res.clearCookie(SESSION_COOKIE, clearCookieOptions(config)).status(204).end();
  });

  const me = endpoint({}, async ({ req, res }) => {
    res.json({ user: await auth.me(currentUser(req).userId) });
  });

  const changePassword = endpoint({ body: passwordChangeSchema }, async ({ body, req, res }) => {
    const { userId, sessionId } = currentUser(req);
    await auth.changePassword(userId, sessionId, body, req.ip);
    res.status(204).end();
  });

  return Router()
    .post('/register', register)
    .post('/login', ...deps.loginLimiters.beforeLogin, login)
    .post('/logout', requireAuth, logout)
    .get('/me', requireAuth, me)
    .post('/password', requireAuth, changePassword);
}
