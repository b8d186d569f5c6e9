import { Router } from 'express';
import { availabilitySchema, idParamsSchema, updateProfileSchema, userListQuerySchema } from '@telehealth/shared';
import { endpoint } from '../../lib/endpoint.js';
import { currentUser, requireAuth, requireRole } from '../../middleware/authenticate.js';
import type { ConsultationService } from '../consultations/consultation.service.js';
import { createUserService } from './user.service.js';

/** `/api/users`: the directory and profiles. */
export function userRoutes(deps: { consultations: ConsultationService }): Router {
  const users = createUserService(deps);

  const listUsers = endpoint({ query: userListQuerySchema }, async ({ query, req, res }) => {
    res.json(await users.list(currentUser(req), query));
  });

  const showUser = endpoint({ params: idParamsSchema }, async ({ params, req, res }) => {
    res.json({ user: await users.get(currentUser(req), params.id) });
  });

  const updateProfile = endpoint({ body: updateProfileSchema }, async ({ body, req, res }) => {
    res.json({ user: await users.updateProfile(currentUser(req).userId, body) });
  });

  const setAvailability = endpoint({ body: availabilitySchema }, async ({ body, req, res }) => {
    res.json({ user: await users.setAvailability(currentUser(req).userId, body.available) });
  });

  return Router()
    .get('/', requireAuth, listUsers)
    .patch('/me', requireAuth, updateProfile)
    .patch('/me/availability', requireRole('doctor'), setAvailability)
    .get('/:id', requireAuth, showUser);
}
