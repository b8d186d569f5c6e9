import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import {
  ALLOWED_FILE_TYPES,
  editMessageSchema,
  historyQuerySchema,
  idParamsSchema,
  objectIdSchema,
  reactionSchema,
  readReceiptSchema,
  sendMessageSchema,
  SOCKET_ID_HEADER,
} from '@telehealth/shared';
import type { Config } from '../../config/config.js';
import { errors } from '../../lib/app-error.js';
import { endpoint } from '../../lib/endpoint.js';
import { rateLimited, type ConcurrencyLimit, type MessagingLimits } from '../../lib/rate-limits.js';
import { currentUser, requireRole } from '../../middleware/require-auth.js';
import { acceptOneFile, closeAfterUpload, guardUpload, type FileStorage } from '../files/index.js';
import type { MessageService } from './message.service.js';

const userParamsSchema = z.strictObject({ userId: objectIdSchema });
const receiverParamsSchema = z.strictObject({ receiverId: objectIdSchema });
// Socket.IO ids are short base64url strings; anything else is ignored rather than used as a room name.
const socketIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

export interface MessageRouteDeps {
  messages: MessageService;
  config: Config;
  files: FileStorage;
  uploadSlots: ConcurrencyLimit;
  messagingLimits: MessagingLimits;
}

/**
 * A multipart send is refused before its body is read: the sender must be over no limit and may
 * message the receiver (both known from the session and the path), and there must be a free
 * upload slot. Only then is the file streamed to storage. A form sends empty fields as "": here
 * absent and empty mean the same, so `replyTo: ""` is no reply rather than a bad id.
 */
function acceptOptionalFile(deps: MessageRouteDeps): RequestHandler[] {
  const mayMessage: RequestHandler = (req, _res, next) => {
    if (!req.is('multipart/form-data')) return next();
    const params = receiverParamsSchema.safeParse(req.params);
    if (!params.success) return next(errors.validation([{ path: 'receiverId', message: 'must be a user id' }]));
    deps.messages
      .mayMessage(currentUser(req).userId, String(req.params.receiverId))
      .then((allowed) => next(allowed ? undefined : errors.forbidden('You cannot message this person')), next);
  };
  const upload = acceptOneFile('file', {
    files: deps.files,
    maxBytes: deps.config.maxUploadBytes,
    allowed: ALLOWED_FILE_TYPES,
    owner: (req) => ({
      purpose: 'attachment',
      ownerId: currentUser(req).userId,
      participants: [currentUser(req).userId, String(req.params.receiverId)],
    }),
  });
  const parse: RequestHandler = (req, res, next) => {
    if (!req.is('multipart/form-data')) return next();
    upload(req, res, (error?: unknown) => {
      if (error) return next(error);
      // A send refused after its file was stored (a bad field, a bad reply) must not leave the file behind.
      const stored = req.file?.stored;
      // (A 5xx may have stored the message, so its file stays.) Failing to remove leaves an unreferenced file: harmless.
      const dropIfRefused = () => {
        if (stored && res.statusCode >= 400 && res.statusCode < 500) deps.files.remove(stored.id).catch(() => undefined);
      };
      res.once('finish', dropIfRefused);
      const body = (req.body ?? {}) as Record<string, unknown>;
      for (const [field, value] of Object.entries(body)) if (value === '') delete body[field];
      next();
    });
  };
  const guard = guardUpload({ slots: deps.uploadSlots, idleMs: deps.config.uploadIdleMs, totalMs: deps.config.uploadTotalMs });
  return [mayMessage, guard, parse];
}

/** The consultation thread. Admins take no part in conversations, so every route is for patients and doctors. */
export function messageRoutes(deps: MessageRouteDeps): Router {
  const { messages } = deps;
  const limits = deps.messagingLimits;
  const byUser = (req: Parameters<RequestHandler>[0]) => currentUser(req).userId;

  const listConversations = endpoint({}, async ({ req, res }) => {
    res.json({ conversations: await messages.conversations(currentUser(req)) });
  });

  const readThread = endpoint({ params: userParamsSchema, query: historyQuerySchema }, async ({ params, query, req, res }) => {
    res.json(await messages.history(currentUser(req), params.userId, query));
  });

  const sendMessage = endpoint({ params: receiverParamsSchema, body: sendMessageSchema }, async ({ params, body, req, res }) => {
    const socketId = socketIdSchema.safeParse(req.get(SOCKET_ID_HEADER));
    const { message, created } = await messages.send(currentUser(req), params.receiverId, body, {
      file: req.file?.stored,
      exceptSocketId: socketId.success ? socketId.data : undefined,
    });
    res.status(created ? 201 : 200).json({ message });
  });

  const editMessage = endpoint({ params: idParamsSchema, body: editMessageSchema }, async ({ params, body, req, res }) => {
    res.json({ message: await messages.edit(currentUser(req), params.id, body.text) });
  });

  const deleteMessage = endpoint({ params: idParamsSchema }, async ({ params, req, res }) => {
    res.json({ message: await messages.remove(currentUser(req), params.id) });
  });

  const toggleReaction = endpoint({ params: idParamsSchema, body: reactionSchema }, async ({ params, body, req, res }) => {
    res.json({ message: await messages.toggleReaction(currentUser(req), params.id, body.emoji) });
  });

  const markRead = endpoint({ params: userParamsSchema, body: readReceiptSchema }, async ({ params, body, req, res }) => {
    await messages.markRead(currentUser(req), params.userId, body.upTo);
    res.status(204).end();
  });

  const confirmInstructions = endpoint({ params: idParamsSchema }, async ({ params, req, res }) => {
    res.json({ message: await messages.confirmInstructions(currentUser(req), params.id) });
  });

  const listPendingInstructions = endpoint({}, async ({ req, res }) => {
    res.json({ instructions: await messages.pendingInstructions(currentUser(req)) });
  });

  const participant = requireRole('patient', 'doctor');
  return Router()
    .get('/conversations', participant, listConversations)
    .get('/instructions/pending', requireRole('patient'), listPendingInstructions)
    .get('/:userId', participant, readThread)
    .post(
      '/:receiverId',
      closeAfterUpload,
      participant,
      rateLimited(limits.send, byUser),
      ...acceptOptionalFile(deps),
      sendMessage,
    )
    .patch('/:id', participant, rateLimited(limits.change, byUser), editMessage)
    .delete('/:id', participant, rateLimited(limits.change, byUser), deleteMessage)
    .post('/:id/reactions', participant, rateLimited(limits.react, byUser), toggleReaction)
    .post('/:id/understood', participant, rateLimited(limits.change, byUser), confirmInstructions)
    .post('/:userId/read', participant, markRead);
}
