import { Router } from 'express';
import { acceptConsentSchema } from '@telehealth/shared';
import { endpoint } from '../../lib/endpoint.js';
import { currentUser, requireAuth, requireRole } from '../../middleware/require-auth.js';
import type { ConsentService } from './consent.service.js';

/** `/api/consent`: the current text, and a patient's acceptance. Admins write it at `PUT /api/admin/consent`. */
export function consentRoutes(deps: { consent: ConsentService }): Router {
  const { consent } = deps;

  const showConsent = endpoint({}, async ({ req, res }) => {
    res.json(await consent.show(currentUser(req)));
  });

  const acceptConsent = endpoint({ body: acceptConsentSchema }, async ({ body, req, res }) => {
    res.json({ accepted: await consent.accept({ userId: currentUser(req).userId, ip: req.ip }, body.version) });
  });

  return Router().get('/', requireAuth, showConsent).post('/accept', requireRole('patient'), acceptConsent);
}
