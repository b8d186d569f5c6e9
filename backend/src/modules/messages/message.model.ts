import {
  CALL_OUTCOMES,
  MESSAGE_KINDS,
  SYSTEM_EVENTS,
  type CallOutcome,
  type MessageKind,
  type SystemEvent,
} from '@telehealth/shared';
import mongoose, { Schema, type Types } from 'mongoose';

/**
 * One message in a conversation between two people.
 *
 * `seq` orders the thread: 1, 2, 3… per pair of people, unique with `pairKey`. A message with seq
 * N is only ever inserted after seq N-1 is stored (see `message.service.ts`), so whoever can see
 * message N can see everything before it, and "everything after N" is a complete catch-up.
 */
export interface MessageRecord {
  _id: Types.ObjectId;
  /** the two ids, sorted and joined: every query about a conversation starts here */
  pairKey: string;
  seq: number;
  /** chosen by the sender's client; the same (senderId, clientId) is the same message */
  clientId: string;
  kind: MessageKind;
  senderId: Types.ObjectId;
  receiverId: Types.ObjectId;
  text: string;
  /** the preview is resolved from the original when read, so it follows edits and deletes */
  replyToId: Types.ObjectId | null;
  attachment: { fileId: Types.ObjectId; name: string; size: number; mimeType: string } | null;
  call: { outcome: CallOutcome; durationSeconds: number } | null;
  /** a consultation's start or end, written by the server (absent on messages stored before them) */
  system?: { event: SystemEvent; consultationId: Types.ObjectId; doctorName: string; reason: string } | null;
  /** a doctor's instructions and when the patient confirmed them (absent on messages stored before them) */
  instructions?: { confirmedAt: Date | null } | null;
  /** flat, one entry per person per emoji: FerretDB has no positional `$` to update nested arrays */
  reactions: { emoji: string; userId: Types.ObjectId }[];
  deleted: boolean;
  editedAt: Date | null;
  readAt: Date | null;
  createdAt: Date;
}

const messageSchema = new Schema<MessageRecord>(
  {
    pairKey: { type: String, required: true },
    seq: { type: Number, required: true },
    clientId: { type: String, required: true },
    kind: { type: String, enum: MESSAGE_KINDS, required: true },
    senderId: { type: Schema.Types.ObjectId, required: true },
    receiverId: { type: Schema.Types.ObjectId, required: true },
    text: { type: String, default: '' },
    replyToId: { type: Schema.Types.ObjectId, default: null },
    attachment: {
      type: new Schema(
        {
          fileId: { type: Schema.Types.ObjectId, required: true },
          name: { type: String, required: true },
          size: { type: Number, required: true },
          mimeType: { type: String, required: true },
        },
        { _id: false },
      ),
      default: null,
    },
    call: {
      type: new Schema(
        { outcome: { type: String, enum: CALL_OUTCOMES, required: true }, durationSeconds: { type: Number, required: true } },
        { _id: false },
      ),
      default: null,
    },
    system: {
      type: new Schema(
        {
          event: { type: String, enum: SYSTEM_EVENTS, required: true },
          consultationId: { type: Schema.Types.ObjectId, required: true },
          doctorName: { type: String, required: true },
          reason: { type: String, required: true },
        },
        { _id: false },
      ),
      default: null,
    },
    instructions: { type: new Schema({ confirmedAt: { type: Date, default: null } }, { _id: false }), default: null },
    reactions: {
      type: [
        new Schema(
          { emoji: { type: String, required: true }, userId: { type: Schema.Types.ObjectId, required: true } },
          { _id: false },
        ),
      ],
      default: [],
    },
    deleted: { type: Boolean, default: false },
    editedAt: { type: Date, default: null },
    readAt: { type: Date, default: null },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false },
);
// Idempotent sends: a retry with the same clientId cannot store a second copy, on any instance.
messageSchema.index({ senderId: 1, clientId: 1 }, { unique: true });
// The thread's order, and the guard that no two messages of a conversation share a place in it.
messageSchema.index({ pairKey: 1, seq: 1 }, { unique: true });
// No index for unread counts any more: they live on the conversation row (unread-counters.ts), and
// a read receipt finds its messages by `_id` (read-marks.ts); an index only costs each insert.

export const MessageModel = mongoose.model<MessageRecord>('Message', messageSchema);

/**
 * One row per pair of people who have exchanged anything: what the conversation list needs
 * without an aggregation (FerretDB has no `$lookup`/`$group` over large sets worth relying on).
 */
export interface ConversationRecord {
  /** the pair key, so an upsert is keyed by the pair */
  _id: string;
  userIds: Types.ObjectId[];
  /** the place of the last message in the thread */
  lastSeq: number;
  lastAt: Date;
  /**
   * that last message, read by `_id` for the conversation list (an index lookup everywhere; a
   * query by `{pairKey, seq}` is a scan of every message on FerretDB). Rows written before it
   * existed lack it, and the list reads their last message by `{pairKey, seq}`.
   */
  lastMessageId?: Types.ObjectId;
  /**
   * Unread messages per receiving member (userId → count), kept by `$inc` on each stored message
   * and reset by read receipts (unread-counters.ts), so the list reads them with the row instead
   * of counting messages (a scan of every message on FerretDB).
   */
  unread?: Record<string, number>;
  /** per member, the seq of the last message counted in `unread`: a retry of it is not counted again */
  unreadThrough?: Record<string, number>;
  /** per member, the first seq counted live on a row written before the counters (the backfill counts below it) */
  unreadLiveFrom?: Record<string, number>;
  /** the counters cover the whole thread: false or absent on rows from before them, until the start-up backfill */
  unreadCounted?: boolean;
  /**
   * Per member, the place up to which they have read (their last read receipt), so a receipt
   * marks only the messages after it, each by `_id` (read-marks.ts). Absent on rows from before it.
   */
  readThrough?: Record<string, number>;
  /** the thread's page rows (thread-pages.ts) cover it from its first message: absent on rows from before them */
  paged?: boolean;
  /**
   * The places of the thread's newest page, written with the rest of the row by each new message
   * (one write where a page row would be a second), and moved to their page row when the next page
   * begins (thread-pages.ts). Absent on rows from before it.
   */
  tail?: PlaceEntry[];
  /** the row is in its members' lists (member-conversations.ts): absent on rows from before them */
  listed?: boolean;
}

/** A place in a thread (`seq`) and the message holding it: the thread's index (thread-pages.ts). */
export interface PlaceEntry {
  s: number;
  id: Types.ObjectId;
}

export const placeEntrySchema = new Schema<PlaceEntry>(
  { s: { type: Number, required: true }, id: { type: Schema.Types.ObjectId, required: true } },
  { _id: false },
);

const conversationSchema = new Schema<ConversationRecord>(
  {
    _id: { type: String, required: true },
    userIds: { type: [Schema.Types.ObjectId], required: true },
    lastSeq: { type: Number, required: true },
    lastAt: { type: Date, required: true },
    lastMessageId: { type: Schema.Types.ObjectId },
    unread: { type: Map, of: Number },
    unreadThrough: { type: Map, of: Number },
    unreadLiveFrom: { type: Map, of: Number },
    unreadCounted: { type: Boolean },
    readThrough: { type: Map, of: Number },
    paged: { type: Boolean },
    listed: { type: Boolean },
    tail: { type: [placeEntrySchema], default: undefined },
  },
  { versionKey: false },
);
conversationSchema.index({ userIds: 1, lastAt: -1 });

export const ConversationModel = mongoose.model<ConversationRecord>('Conversation', conversationSchema);

/** The key of the conversation between two people, the same whoever sends. */
export function pairKeyOf(userA: string, userB: string): string {
  return userA < userB ? `${userA}:${userB}` : `${userB}:${userA}`;
}
