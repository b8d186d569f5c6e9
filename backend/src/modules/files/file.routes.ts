import { Router } from 'express';
import { idParamsSchema } from '@telehealth/shared';
import { AppError, errors } from '../../lib/app-error.js';
import { endpoint } from '../../lib/endpoint.js';
import { currentUser, requireAuth } from '../../middleware/authenticate.js';
import type { AppContext } from '../../context.js';
import { createUserService } from '../users/user.service.js';
import type { StoredFile } from './file-storage.js';

const INLINE_TYPES = new Set(['image/png', 'image/jpeg', 'image/webp', 'image/gif']);

/**
 * Downloads. A file follows the rules of what it belongs to: an avatar is for whoever may see its
 * owner's profile, an attachment only for the two people in its conversation. Anyone else gets
 * 404: they learn nothing, not even that it exists.
 */
export function fileRoutes(deps: Pick<AppContext, 'files' | 'consultations'>): Router {
  const users = createUserService(deps);

  /** An attachment: its conversation's two people. An avatar: whoever may see its owner's profile. */
  async function maySee(viewer: ReturnType<typeof currentUser>, file: StoredFile): Promise<boolean> {
    if (file.purpose === 'attachment') return file.participants.includes(viewer.userId);
    try {
      await users.get(viewer, file.ownerId);
      return true;
    } catch (error) {
      if (error instanceof AppError && error.code === 'NOT_FOUND') return false;
      throw error;
    }
  }

  const download = endpoint({ params: idParamsSchema }, async ({ params, req, res }) => {
    const file = await deps.files.find(params.id);
    if (!file || !(await maySee(currentUser(req), file))) throw errors.notFound('No such file');
    res.setHeader('Content-Type', file.mimeType);
    res.setHeader('Content-Length', String(file.size));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'private, max-age=3600');
    res.setHeader('Content-Security-Policy', "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox");
    const disposition = INLINE_TYPES.has(file.mimeType) ? 'inline' : 'attachment';
    res.setHeader('Content-Disposition', `${disposition}; filename*=UTF-8''${encodeURIComponent(file.name)}`);
    await new Promise<void>((resolve, reject) => {
      deps.files.open(file.id).on('error', reject).pipe(res).on('finish', resolve).on('error', reject);
    });
  });
  return Router().get('/:id', requireAuth, download);
}
