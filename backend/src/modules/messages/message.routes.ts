import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import {
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
import { endpoint } from '../../lib/endpoint.js';
import { currentUser, requireRole } from '../../middleware/authenticate.js';
import { acceptOneFile } from '../files/upload.js';
import type { MessageService } from './message.service.js';

const userParamsSchema = z.strictObject({ userId: objectIdSchema });
const receiverParamsSchema = z.strictObject({ receiverId: objectIdSchema });
// Socket.IO ids are short base64url strings; anything else is ignored rather than used as a room name.
const socketIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

/**
 * Multipart sends go through multer (memory only: a cut-off upload stores nothing); JSON sends
 * were already parsed by `express.json`. A form sends empty fields as "": here absent and empty
 * mean the same, so `replyTo: ""` is no reply rather than a bad id.
 */
function acceptOptionalFile(maxBytes: number): RequestHandler {
  const upload = acceptOneFile('file', maxBytes);
  return (req, res, next) => {
    if (!req.is('multipart/form-data')) return next();
    upload(req, res, (error?: unknown) => {
      if (error) return next(error);
      const body = (req.body ?? {}) as Record<string, unknown>;
      for (const [field, value] of Object.entries(body)) if (value === '') delete body[field];
      next();
    });
  };
}

/** The consultation thread. Admins take no part in conversations, so every route is for patients and doctors. */
export function messageRoutes(deps: { messages: MessageService; config: Config }): Router {
  const { messages } = deps;

  const listConversations = endpoint({}, async ({ req, res }) => {
    res.json({ conversations: await messages.conversations(currentUser(req)) });
  });

  const readThread = endpoint({ params: userParamsSchema, query: historyQuerySchema }, async ({ params, query, req, res }) => {
    res.json(await messages.history(currentUser(req), params.userId, query));
  });

  const sendMessage = endpoint({ params: receiverParamsSchema, body: sendMessageSchema }, async ({ params, body, req, res }) => {
    const socketId = socketIdSchema.safeParse(req.get(SOCKET_ID_HEADER));
    const { message, created } = await messages.send(currentUser(req), params.receiverId, body, {
      file: req.file ? { content: req.file.buffer, originalName: req.file.originalname } : undefined,
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

  const participant = requireRole('patient', 'doctor');
  return Router()
    .get('/conversations', participant, listConversations)
    .get('/:userId', participant, readThread)
    .post('/:receiverId', participant, acceptOptionalFile(deps.config.maxUploadBytes), sendMessage)
    .patch('/:id', participant, editMessage)
    .delete('/:id', participant, deleteMessage)
    .post('/:id/reactions', participant, toggleReaction)
    .post('/:userId/read', participant, markRead);
}
