import { Router } from 'express';
import { idParamsSchema } from '@telehealth/shared';
import { errors } from '../../lib/app-error.js';
import { endpoint } from '../../lib/endpoint.js';
import type { Viewer } from '../../lib/viewer.js';
import { currentUser, requireAuth } from '../../middleware/require-auth.js';
import { mayDownload } from './file-access.js';
import type { FileStorage } from './file-storage.js';

export interface FileRouteDeps {
  files: FileStorage;
  /** whether the viewer may see this user's profile (users module: `canSee`, as the directory) */
  maySeeProfile: (viewer: Viewer, userId: string) => Promise<boolean>;
}

const INLINE_TYPES = new Set(['image/png', 'image/jpeg', 'image/webp', 'image/gif']);

/**
 * Downloads. A file follows the rules of what it belongs to: an avatar is for whoever may see its
 * owner's profile, an attachment only for the two people in its conversation. Anyone else gets
 * 404: they learn nothing, not even that it exists.
 */
export function fileRoutes(deps: FileRouteDeps): Router {
  const download = endpoint({ params: idParamsSchema }, async ({ params, req, res }) => {
    const file = await deps.files.find(params.id);
    if (!file || !(await mayDownload(currentUser(req), file, deps.maySeeProfile))) throw errors.notFound('No such file');
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
