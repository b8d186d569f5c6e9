import { Router } from 'express';
import {
  AVATAR_FILE_TYPES,
  availabilitySchema,
  idParamsSchema,
  updateProfileSchema,
  userListQuerySchema,
} from '@telehealth/shared';
import type { Config } from '../../config/config.js';
import type { ConcurrencyLimit } from '../../lib/rate-limits.js';
import { errors } from '../../lib/app-error.js';
import { endpoint } from '../../lib/endpoint.js';
import { currentUser, requireAuth, requireRole } from '../../middleware/require-auth.js';
import { acceptOneFile, closeAfterUpload, guardUpload, type FileStorage } from '../files/index.js';
import type { UserService } from './user.service.js';

/** `/api/users`: the directory and profiles. */
/** Avatars are small pictures: a tighter cap than attachments. */
const AVATAR_MAX_BYTES = 2 * 1024 * 1024;

export interface UserRouteDeps {
  users: UserService;
  files: FileStorage;
  config: Config;
  uploadSlots: ConcurrencyLimit;
}

export function userRoutes(deps: UserRouteDeps): Router {
  const { users } = deps;
  const avatarUpload = [
    closeAfterUpload,
    requireAuth,
    guardUpload({ slots: deps.uploadSlots, idleMs: deps.config.uploadIdleMs, totalMs: deps.config.uploadTotalMs }),
    acceptOneFile('avatar', {
      files: deps.files,
      maxBytes: Math.min(AVATAR_MAX_BYTES, deps.config.maxUploadBytes),
      allowed: AVATAR_FILE_TYPES,
      owner: (req) => ({ purpose: 'avatar', ownerId: currentUser(req).userId, participants: [] }),
    }),
  ];

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
    const stored = req.file?.stored;
    if (!stored) throw errors.validation([{ path: 'avatar', message: 'attach an image in the field "avatar"' }]);
    res.json({ user: await users.setAvatar(currentUser(req).userId, stored) });
  });

  return Router()
    .get('/', requireAuth, listUsers)
    .patch('/me', requireAuth, updateProfile)
    .patch('/me/availability', requireRole('doctor'), setAvailability)
    .put('/me/avatar', ...avatarUpload, uploadAvatar)
    .get('/:id', requireAuth, showUser);
}
