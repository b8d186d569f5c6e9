import { Router } from 'express';
import { idParamsSchema } from '@telehealth/shared';
import { errors } from '../../lib/app-error.js';
import { endpoint } from '../../lib/endpoint.js';
import { currentUser, requireAuth } from '../../middleware/authenticate.js';
import type { FileStorage } from './file-storage.js';

const INLINE_TYPES = new Set(['image/png', 'image/jpeg', 'image/webp', 'image/gif']);

/**
 * Downloads. Avatars are for any signed-in user; an attachment only for the two people in its
 * conversation (anyone else gets 404: they learn nothing, not even that it exists).
 */
export function fileRoutes(deps: { files: FileStorage }): Router {
  const download = endpoint({ params: idParamsSchema }, async ({ params, req, res }) => {
    const { userId } = currentUser(req);
    const file = await deps.files.find(params.id);
    if (!file || (file.purpose === 'attachment' && !file.participants.includes(userId))) throw errors.notFound('No such file');
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
