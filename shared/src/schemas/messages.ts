import { z } from 'zod';
import { objectIdSchema } from './common.js';
import type { Urgency } from './consultations.js';
import type { PublicUser } from './users.js';

/** `system`: an entry the server writes itself (a consultation's start and end); no client can send one. */
export const MESSAGE_KINDS = ['text', 'call', 'system'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

export const CALL_OUTCOMES = ['completed', 'missed', 'rejected'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

/** The small set of reactions; a fixed set keeps rendering and storage predictable. */
export const REACTIONS = ['👍', '❤️', '😂', '😮', '😢', '🙏'] as const;
export type Reaction = (typeof REACTIONS)[number];

/** Files the platform accepts, decided by their bytes. */
export const ALLOWED_FILE_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif', 'application/pdf'] as const;
export const AVATAR_FILE_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;

/**
 * Upload caps both sides enforce: the server refuses past them (413), the browser before uploading.
 * Attachments: the default of `MAX_UPLOAD_MB`, which a deployment may lower (the server then refuses
 * sooner, in its own words). Avatars are small pictures: a tighter cap than attachments.
 */
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
export const AVATAR_MAX_BYTES = 2 * 1024 * 1024;

/** Sender may edit a message for this long. */
export const EDIT_WINDOW_MS = 15 * 60 * 1000;

export interface ReplyPreview {
  id: string;
  senderId: string;
  text: string;
  deleted: boolean;
}

export interface Attachment {
  fileId: string;
  name: string;
  size: number;
  mimeType: string;
  url: string;
}

export const SYSTEM_EVENTS = ['consultation-started', 'consultation-completed'] as const;
export type SystemEvent = (typeof SYSTEM_EVENTS)[number];

/** What a `system` entry marks: the frontend renders it ("Consultation started — Dr. X — reason") and links to the summary. */
export interface SystemEntry {
  event: SystemEvent;
  consultationId: string;
  doctorName: string;
  reason: string;
}

/** A doctor's instructions, which the patient confirms once ("I understand"). */
export interface Instructions {
  confirmedAt: string | null;
}

export interface Message {
  id: string;
  clientId: string;
  kind: MessageKind;
  senderId: string;
  receiverId: string;
  text: string;
  replyTo: ReplyPreview | null;
  attachment: Attachment | null;
  call: { outcome: CallOutcome; durationSeconds: number } | null;
  /**
   * The server always sends these two (null when they do not apply); they are optional here only
   * so a client's own drafts of a message (its outbox) need not spell them out.
   */
  system?: SystemEntry | null;
  instructions?: Instructions | null;
  reactions: { emoji: string; userIds: string[] }[];
  deleted: boolean;
  editedAt: string | null;
  readAt: string | null;
  createdAt: string;
}

export interface Conversation {
  user: PublicUser;
  lastMessage: Message | null;
  unreadCount: number;
}

export const clientIdSchema = z
  .string()
  .trim()
  .min(8)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _ only');
export const MAX_MESSAGE_LENGTH = 5000;

export const sendMessageSchema = z.strictObject({
  text: z.string().max(MAX_MESSAGE_LENGTH).default(''),
  replyTo: objectIdSchema.nullish(),
  clientId: clientIdSchema,
  /** doctors to their patients only; multipart sends it as the text "true" or "false" */
  instructions: z.union([z.boolean(), z.enum(['true', 'false']).transform((value) => value === 'true')]).optional(),
});
export type SendMessageInput = z.infer<typeof sendMessageSchema>;

export const editMessageSchema = z.strictObject({
  text: z.string().trim().min(1, 'is required').max(MAX_MESSAGE_LENGTH),
});

export const reactionSchema = z.strictObject({ emoji: z.enum(REACTIONS) });

export const readReceiptSchema = z.strictObject({ upTo: objectIdSchema });

export const historyQuerySchema = z.strictObject({
  before: objectIdSchema.optional(),
  after: objectIdSchema.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type HistoryQuery = z.infer<typeof historyQuerySchema>;

/** `GET /api/messages/instructions/pending`: a patient's instructions not yet confirmed, oldest first. */
export interface PendingInstructionsAnswer {
  instructions: { message: Message; doctor: PublicUser }[];
}

/** `GET /api/consultations/:id/summary`: what the patient takes home. */
export interface ConsultationSummary {
  consultationId: string;
  /** `active`: the summary so far (no `completedAt`, consultation time counted to now) */
  status: 'active' | 'completed';
  reason: string;
  urgency: Urgency;
  patient: PublicUser;
  doctor: PublicUser;
  requestedAt: string;
  acceptedAt: string;
  completedAt: string | null;
  waitingSeconds: number;
  consultationSeconds: number;
  notes: string;
  instructions: { messageId: string; text: string; sentAt: string; confirmedAt: string | null }[];
  calls: { messageId: string; outcome: CallOutcome; durationSeconds: number; at: string }[];
  files: { messageId: string; senderId: string; name: string; size: number; mimeType: string; url: string; at: string }[];
}

/** Client→server `typing`: who I am typing to. Identity comes from the socket, never the payload. */
export const typingSchema = z.strictObject({ to: objectIdSchema, isTyping: z.boolean() });
export type TypingInput = z.infer<typeof typingSchema>;

/** The server relays `isTyping: true` at most this often per tab, however often the client sends it. */
export const TYPING_RELAY_INTERVAL_MS = 2_000;
/** Without a fresh `isTyping: true` for this long, the server tells the other side typing stopped. */
export const TYPING_TIMEOUT_MS = 5_000;

/**
 * Header naming the socket of the tab that sends a message: that tab has the HTTP answer, so the
 * server leaves it out of the `newMessage` echo to the sender's other tabs.
 */
export const SOCKET_ID_HEADER = 'X-Socket-Id';
