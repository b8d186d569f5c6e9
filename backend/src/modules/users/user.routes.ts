import { Router } from 'express';
import { AVATAR_FILE_TYPES, availabilitySchema, idParamsSchema, updateProfileSchema, userListQuerySchema } from '@telehealth/shared';
import type { Config } from '../../config/config.js';
import { errors } from '../../lib/app-error.js';
import { endpoint } from '../../lib/endpoint.js';
import { currentUser, requireAuth, requireRole } from '../../middleware/authenticate.js';
import type { ConsultationService } from '../consultations/consultation.service.js';
import type { FileStorage } from '../files/file-storage.js';
import { acceptOneFile, displayName, sniffType } from '../files/upload.js';
import { createUserService } from './user.service.js';

/** `/api/users`: the directory and profiles. */
/** Avatars are small pictures: a tighter cap than attachments. */
const AVATAR_MAX_BYTES = 2 * 1024 * 1024;

export function userRoutes(deps: { consultations: ConsultationService; files: FileStorage; config: Config }): Router {
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

  const uploadAvatar = endpoint({}, async ({ req, res }) => {
    if (!req.file) throw errors.validation([{ path: 'avatar', message: 'attach an image in the field "avatar"' }]);
    const mimeType = await sniffType(req.file.buffer, AVATAR_FILE_TYPES);
    const user = await users.setAvatar(currentUser(req).userId, { content: req.file.buffer, mimeType, name: displayName(req.file.originalname) });
    res.json({ user });
  });

  return Router()
    .get('/', requireAuth, listUsers)
    .patch('/me', requireAuth, updateProfile)
    .patch('/me/availability', requireRole('doctor'), setAvailability)
    .put('/me/avatar', requireAuth, acceptOneFile('avatar', Math.min(AVATAR_MAX_BYTES, deps.config.maxUploadBytes)), uploadAvatar)
    .get('/:id', requireAuth, showUser);
}
