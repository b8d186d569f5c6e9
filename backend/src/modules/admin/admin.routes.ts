import { Router, type Request } from 'express';
import {
  adminUserListQuerySchema,
  auditQuerySchema,
  createStaffSchema,
  idParamsSchema,
  resetPasswordSchema,
  updateAccountSchema,
  updateConsentSchema,
} from '@telehealth/shared';
import { endpoint } from '../../lib/endpoint.js';
import { currentUser, requireRole } from '../../middleware/require-auth.js';
import type { ConsentService } from '../consent/index.js';
import type { Actor, AdminService } from './admin.service.js';

function actorOf(req: Request): Actor {
  const { userId, sessionId } = currentUser(req);
  return { userId, sessionId, ip: req.ip };
}

/** `/api/admin`: accounts, audit log, stats, the consent text. Every route is for admins only. */
export function adminRoutes(deps: { admin: AdminService; consent: ConsentService }): Router {
  const { admin, consent } = deps;

  const listUsers = endpoint({ query: adminUserListQuerySchema }, async ({ query, req, res }) => {
    res.json(await admin.listUsers(actorOf(req), query));
  });

  const createStaff = endpoint({ body: createStaffSchema }, async ({ body, req, res }) => {
    res.status(201).json({ user: await admin.createStaff(actorOf(req), body) });
  });

  const updateAccount = endpoint({ params: idParamsSchema, body: updateAccountSchema }, async ({ params, body, req, res }) => {
    res.json({ user: await admin.updateAccount(actorOf(req), params.id, body) });
  });

  const resetPassword = endpoint({ params: idParamsSchema, body: resetPasswordSchema }, async ({ params, body, req, res }) => {
    await admin.resetPassword(actorOf(req), params.id, body.password);
    res.status(204).end();
  });

  const showAuditLog = endpoint({ query: auditQuerySchema }, async ({ query, res }) => {
    res.json(await admin.auditLog(query));
  });

  const showStats = endpoint({}, async ({ res }) => {
    res.json(await admin.stats());
  });

  const updateConsent = endpoint({ body: updateConsentSchema }, async ({ body, req, res }) => {
    res.json({ consent: await consent.update(actorOf(req), body.text) });
  });

  return Router()
    .use(requireRole('admin'))
    .get('/users', listUsers)
    .post('/users', createStaff)
    .patch('/users/:id', updateAccount)
    .post('/users/:id/password', resetPassword)
    .get('/audit', showAuditLog)
    .get('/stats', showStats)
    .put('/consent', updateConsent);
}
