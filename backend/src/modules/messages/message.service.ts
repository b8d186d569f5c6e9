import { randomUUID } from 'node:crypto';
import {
  canMessage,
  EDIT_WINDOW_MS,
  type CallOutcome,
  type Conversation,
  type HistoryQuery,
  type Message,
  type Reaction,
  type ReplyPreview,
  type Role,
  type SendMessageInput,
} from '@telehealth/shared';
import mongoose, { Types } from 'mongoose';
import type { AppContext } from '../../context.js';
import { errors } from '../../lib/app-error.js';
import { rooms } from '../../realtime/types.js';
import { relationBetween } from '../consultations/relations.js';
import type { StoredFile } from '../files/file-storage.js';
import { PUBLIC_USER_FIELDS, toPublicUser, UserModel } from '../users/user.model.js';
import { createThreadSequencer } from './thread-sequencer.js';
import { findStaleConversationEnds } from './conversation-heal.js';
import { createLatestWriter } from '../../lib/latest-writer.js';
import { ConversationModel, MessageModel, pairKeyOf, type ConversationRecord, type MessageRecord } from './message.model.js';

export type MessageServiceDeps = Pick<AppContext, 'io' | 'clock' | 'files' | 'logger' | 'sessions'>;

/** Who is asking (from the session, never from the request body). */
export interface Viewer {
  userId: string;
  role: Role;
}

export interface SendOptions {
  /** an attachment already streamed to storage (files/upload.ts): removed here if the send does not use it */
  file?: StoredFile | undefined;
  /** the sending tab's socket: it has the HTTP answer, so it is left out of the echo */
  exceptSocketId?: string | undefined;
}

export interface RecordCallInput {
  /** the call's id: with it, the trace is stored once however often this is called */
  callId?: string;
  callerId: string;
  calleeId: string;
  outcome: CallOutcome;
  durationSeconds: number;
}

const REPLY_PREVIEW_LENGTH = 200;
const CONVERSATION_LIST_LIMIT = 100;

/**
 * The consultation thread: storing, ordering, reading and changing messages, and telling both
 * people's open tabs. Routes, sockets and the calls module all go through here.
 */
export function createMessageService(deps: MessageServiceDeps) {
  const { io, clock, files, logger, sessions } = deps;
  const sequencer = createThreadSequencer();

  async function mayMessage(senderId: string, receiverId: string): Promise<boolean> {
    if (senderId === receiverId || !Types.ObjectId.isValid(receiverId)) return false;
    // Asked for every message: role and active come from the session store's short cache.
    const party = async (id: string) => {
      const user = await sessions.userStatus(id);
      return user ? { id, role: user.role, active: user.active } : undefined;
    };
    const [sender, receiver] = await Promise.all([party(senderId), party(receiverId)]);
    if (!sender || !receiver) return false;
    return canMessage(sender, receiver, await relationBetween(senderId, receiverId));
  }

  async function assertMayMessage(senderId: string, receiverId: string): Promise<void> {
    if (!(await mayMessage(senderId, receiverId))) throw errors.forbidden('You cannot message this person');
  }

  /** Reading a thread: whoever may message the other, or has a history with them (an account since deactivated). */
  async function assertMayRead(viewer: Viewer, partnerId: string): Promise<void> {
    if (await mayMessage(viewer.userId, partnerId)) return;
    if (viewer.userId !== partnerId && (await ConversationModel.exists({ _id: pairKeyOf(viewer.userId, partnerId) }))) return;
    throw errors.forbidden('You cannot read messages with this person');
  }

  /** A message the viewer takes part in; anyone else learns nothing, not even that it exists. */
  async function findOwn(viewer: Viewer, messageId: string): Promise<MessageRecord> {
    const record = await MessageModel.findById(messageId).lean();
    if (!record || !(record.senderId.equals(viewer.userId) || record.receiverId.equals(viewer.userId)))
      throw errors.notFound('No such message');
    return record;
  }

  /** A message of this conversation (for cursors, replies and receipts), or 404. */
  async function placeInThread(pairKey: string, messageId: string): Promise<number> {
    const record = await MessageModel.findById(messageId, { pairKey: 1, seq: 1 }).lean();
    if (!record || record.pairKey !== pairKey) throw errors.notFound('No such message in this conversation');
    return record.seq;
  }

  /** Records as the API shows them; reply previews are read from the originals, so they follow edits and deletes. */
  async function present(records: MessageRecord[]): Promise<Message[]> {
    const replyIds = [...new Set(records.flatMap((record) => (record.replyToId ? [record.replyToId.toString()] : [])))];
    const originals = replyIds.length
      ? await MessageModel.find(
          { _id: mongoose.trusted({ $in: replyIds }) },
          { pairKey: 1, senderId: 1, text: 1, deleted: 1 },
        ).lean()
      : [];
    const byId = new Map(originals.map((original) => [original._id.toString(), original]));
    return records.map((record) => {
      let replyTo: ReplyPreview | null = null;
      if (record.replyToId) {
        const original = byId.get(record.replyToId.toString());
        const visible = original && original.pairKey === record.pairKey && !original.deleted;
        replyTo = {
          id: record.replyToId.toString(),
          senderId: original?.senderId.toString() ?? '',
          text: visible ? original.text.slice(0, REPLY_PREVIEW_LENGTH) : '',
          deleted: !visible,
        };
      }
      return toMessage(record, replyTo);
    });
  }

  async function presentOne(record: MessageRecord): Promise<Message> {
    const [message] = await present([record]);
    return message!;
  }

  function announceNew(message: Message, exceptSocketId?: string): void {
    io.to(rooms.user(message.receiverId)).emit('newMessage', message);
    io.to(rooms.user(message.senderId))
      .except(exceptSocketId ? [exceptSocketId] : [])
      .emit('newMessage', message);
  }

  function announceUpdate(message: Message): void {
    io.to([rooms.user(message.senderId), rooms.user(message.receiverId)]).emit('messageUpdated', message);
  }

  /**
   * Stores a message in its place in the thread, or finds the one already stored under its
   * clientId (a retry). Either way the conversation row is brought up to date: a new
   * conversation's row is written before answering (reading a thread checks it exists), a later
   * message's is written behind (`conversationRows`).
   */
  async function store(
    fields: Omit<MessageRecord, '_id' | 'seq' | 'pairKey'>,
  ): Promise<{ record: MessageRecord; created: boolean }> {
    const pairKey = pairKeyOf(fields.senderId.toString(), fields.receiverId.toString());
    const result = await sequencer.place(
      pairKey,
      async (seq) => {
        const created = await MessageModel.create({ ...fields, pairKey, seq });
        return created.toObject();
      },
      () => MessageModel.findOne({ senderId: fields.senderId, clientId: fields.clientId }).lean(),
    );
    // A new conversation's row, and a retry's (its first attempt may have died before writing
    // it), are written now; a later message only moves an existing row on, behind.
    if (result.record.seq === 1 && result.created) await startConversation(result.record);
    else if (!result.created) await touchConversation(result.record);
    else conversationRows.write(pairKey, result.record);
    return result;
  }

  /** The first message of a thread creates its row: an insert, which FerretDB does without a scan. */
  async function startConversation(record: MessageRecord): Promise<void> {
    try {
      await ConversationModel.create({
        _id: record.pairKey,
        userIds: [record.senderId, record.receiverId],
        lastSeq: record.seq,
        lastAt: record.createdAt,
        lastMessageId: record._id,
      });
    } catch (error) {
      // The row is there already (a thread from before a crash, another instance): move it on if need be.
      if (!isDuplicateKey(error)) throw error;
      await touchConversation(record);
    }
  }

  // Later messages move their row on in the background (touchConversation), one write at a time,
  // a thread's burst in one write (latest-writer.ts). Whoever lists conversations has their own
  // rows written first, so the list is as current as before; other instances see a row once it is
  // written.
  const conversationRows = createLatestWriter<MessageRecord>({
    write: (_pairKey, record) => touchConversation(record),
    isLater: (candidate, current) => candidate.seq > current.seq,
    concurrency: 1,
    // At most ~50 row writes a second: under a heavy load rows fall behind and each write carries
    // several messages, instead of the updates taking the database from the inserts.
    pauseMs: 20,
    onError: (error, pairKey) => logger.warn({ err: error, pairKey }, 'conversation row not updated'),
  });

  /**
   * Moves the conversation's "last message" forward, never back (two instances may finish out of
   * order), creating the row if it is missing. The filter names `_id`, so it is one index lookup
   * (on FerretDB too, with the build patched in backend/scripts/setup-ferretdb.sh; unpatched, any
   * condition besides `_id` scanned the collection).
   */
  async function touchConversation(record: MessageRecord): Promise<void> {
    try {
      await ConversationModel.updateOne(
        { _id: record.pairKey, lastSeq: mongoose.trusted({ $lt: record.seq }) },
        {
          $set: { lastSeq: record.seq, lastAt: record.createdAt, lastMessageId: record._id },
          $setOnInsert: { userIds: [record.senderId, record.receiverId] },
        },
        { upsert: true },
      );
    } catch (error) {
      // The row exists with a later message already: the upsert's insert collided, nothing to do.
      if (!isDuplicateKey(error)) throw error;
    }
  }

  /**
   * Each row's last message: by `_id`, one index lookup each, where the row names it; by
   * `{pairKey, seq}` (a scan on FerretDB, 20 s for a doctor's 100 rows among 50,000 messages under
   * load) only for rows written before rows named it.
   */
  async function lastMessagesOf(rows: ConversationRecord[]): Promise<MessageRecord[]> {
    const named = rows.flatMap((row) => (row.lastMessageId ? [row.lastMessageId] : []));
    const unnamed = rows.filter((row) => !row.lastMessageId);
    const [byId, bySeq] = await Promise.all([
      Promise.all(named.map((id) => MessageModel.findById(id).lean<MessageRecord>())),
      unnamed.length ? MessageModel.find({ $or: unnamed.map((row) => ({ pairKey: row._id, seq: row.lastSeq })) }).lean<MessageRecord[]>() : [],
    ]);
    return [...byId.filter((record): record is MessageRecord => record !== null), ...bySeq];
  }

  return {
    mayMessage,

    /** Writes the conversation rows still queued (a graceful shutdown). */
    close: () => conversationRows.flush(),

    /**
     * Brings forward the rows a crash left behind their thread (conversation-heal.ts), resolving
     * with how many it moved. Start-up runs it in the background: lists do not wait for it, since
     * on a big database the pass takes seconds (about 3 s per 50,000 messages on FerretDB).
     */
    async healConversations(): Promise<number> {
      const ends = await findStaleConversationEnds();
      for (const record of ends) await touchConversation(record);
      return ends.length;
    },

    /** The viewer's conversations, newest activity first, each with its last message and unread count. */
    async conversations(viewer: Viewer): Promise<Conversation[]> {
      await conversationRows.flush((pairKey) => pairKey.includes(viewer.userId));
      const me = new Types.ObjectId(viewer.userId);
      const rows = await ConversationModel.find({ userIds: me })
        .sort({ lastAt: -1, lastSeq: -1 })
        .limit(CONVERSATION_LIST_LIMIT)
        .lean();
      const partnerIds = rows.map((row) => row.userIds.find((id) => !id.equals(me)) ?? me);
      const [users, lastRecords, unread] = await Promise.all([
        UserModel.find({ _id: mongoose.trusted({ $in: partnerIds }) }, PUBLIC_USER_FIELDS).lean(),
        lastMessagesOf(rows),
        // One pass over my unread messages, counted per sender (a count per partner was a scan each on FerretDB).
        MessageModel.aggregate<{ _id: Types.ObjectId; count: number }>([
          { $match: { receiverId: me, readAt: null } },
          { $group: { _id: '$senderId', count: { $sum: 1 } } },
        ]),
      ]);
      const unreadFrom = new Map(unread.map((row) => [row._id.toString(), row.count]));
      const presented = await present(lastRecords);
      const lastMessages = new Map(lastRecords.map((record, index) => [record.pairKey, presented[index]!]));
      const viewerParty = { id: viewer.userId, role: viewer.role };
      return rows.flatMap((row, index) => {
        const user = users.find((candidate) => candidate._id.equals(partnerIds[index]));
        if (!user) return [];
        return [
          {
            user: toPublicUser(user, viewerParty),
            lastMessage: lastMessages.get(row._id) ?? null,
            unreadCount: unreadFrom.get(partnerIds[index]!.toString()) ?? 0,
          },
        ];
      });
    },

    /**
     * A page of the thread in ascending order. Without a cursor: the latest messages.
     * `before`: older history. `after`: everything since (catch-up after a reconnect).
     */
    async history(viewer: Viewer, partnerId: string, query: HistoryQuery): Promise<{ messages: Message[]; hasMore: boolean }> {
      await assertMayRead(viewer, partnerId);
      const pairKey = pairKeyOf(viewer.userId, partnerId);
      const range: Record<string, number> = {};
      if (query.before) range.$lt = await placeInThread(pairKey, query.before);
      if (query.after) range.$gt = await placeInThread(pairKey, query.after);
      const filter = { pairKey, ...(Object.keys(range).length ? { seq: mongoose.trusted(range) } : {}) };
      // Catching up reads forward from the cursor; anything else reads back from the newest.
      const forward = query.after !== undefined;
      const rows = await MessageModel.find(filter)
        .sort({ seq: forward ? 1 : -1 })
        .limit(query.limit + 1)
        .lean();
      const hasMore = rows.length > query.limit;
      const page = rows.slice(0, query.limit);
      if (!forward) page.reverse();
      return { messages: await present(page), hasMore };
    },

    /**
     * REST-then-emit: store first, then tell the receiver's tabs and the sender's other tabs.
     * A repeated clientId answers the stored message (`created: false`) and announces it again,
     * in case the first attempt stored it but never got to announce it.
     */
    async send(
      viewer: Viewer,
      receiverId: string,
      input: SendMessageInput,
      options: SendOptions = {},
    ): Promise<{ message: Message; created: boolean }> {
      await assertMayMessage(viewer.userId, receiverId);
      const { file: stored } = options;
      if (!stored && input.text.trim() === '')
        throw errors.validation([{ path: 'text', message: 'write something or attach a file' }]);
      const pairKey = pairKeyOf(viewer.userId, receiverId);
      if (input.replyTo) {
        const original = await MessageModel.findById(input.replyTo, { pairKey: 1 }).lean();
        if (!original || original.pairKey !== pairKey) throw errors.notFound('No such message to reply to');
      }
      const senderId = new Types.ObjectId(viewer.userId);

      const answer = async (record: MessageRecord, created: boolean) => {
        if (record.pairKey !== pairKey) throw errors.conflict('This clientId was already used for another conversation');
        const message = await presentOne(record);
        announceNew(message, options.exceptSocketId);
        return { message, created };
      };

      // A retried upload must not keep its file twice: the message that has one already keeps its own.
      if (stored) {
        const existing = await MessageModel.findOne({ senderId, clientId: input.clientId }).lean();
        if (existing) {
          await files.remove(stored.id);
          return answer(existing, false);
        }
      }
      const { record, created } = await store({
        clientId: input.clientId,
        kind: 'text',
        senderId,
        receiverId: new Types.ObjectId(receiverId),
        text: input.text,
        replyToId: input.replyTo ? new Types.ObjectId(input.replyTo) : null,
        attachment: stored
          ? { fileId: new Types.ObjectId(stored.id), name: stored.name, size: stored.size, mimeType: stored.mimeType }
          : null,
        call: null,
        reactions: [],
        deleted: false,
        editedAt: null,
        readAt: null,
        createdAt: new Date(clock.now()),
      });
      // Lost a race with a concurrent retry on another instance: that one's file is the message's.
      if (!created && stored) await files.remove(stored.id);
      return answer(record, created);
    },

    /** The sender rewrites a text within the edit window; a deleted message stays deleted. */
    async edit(viewer: Viewer, messageId: string, text: string): Promise<Message> {
      const record = await findOwn(viewer, messageId);
      if (!record.senderId.equals(viewer.userId)) throw errors.forbidden('Only its sender can edit a message');
      if (record.kind !== 'text') throw errors.forbidden('A call record cannot be edited');
      if (record.deleted) throw errors.conflict('This message was deleted');
      if (clock.now() - record.createdAt.getTime() > EDIT_WINDOW_MS)
        throw errors.conflict('This message can no longer be edited');
      const updated = await MessageModel.findOneAndUpdate(
        { _id: record._id, deleted: false },
        { $set: { text, editedAt: new Date(clock.now()) } },
        { returnDocument: 'after' },
      ).lean();
      if (!updated) throw errors.conflict('This message was deleted');
      const message = await presentOne(updated);
      announceUpdate(message);
      return message;
    },

    /** Soft delete: the message keeps its place, loses its content, and its file is removed from storage. */
    async remove(viewer: Viewer, messageId: string): Promise<Message> {
      const record = await findOwn(viewer, messageId);
      if (!record.senderId.equals(viewer.userId)) throw errors.forbidden('Only its sender can delete a message');
      if (record.kind !== 'text') throw errors.forbidden('A call record cannot be deleted');
      const updated = await MessageModel.findOneAndUpdate(
        { _id: record._id },
        { $set: { text: '', attachment: null, reactions: [], deleted: true } },
        { returnDocument: 'after' },
      ).lean();
      if (!updated) throw errors.notFound('No such message');
      if (record.attachment) await files.remove(record.attachment.fileId.toString());
      const message = await presentOne(updated);
      announceUpdate(message);
      return message;
    },

    /**
     * Adds or takes back this user's reaction. Stored flat so it is a `$pull`, and an `$addToSet`
     * only when nothing was pulled (FerretDB has no positional `$` or `arrayFilters`). `$addToSet`
     * rather than `$push`: two toggles racing both to add leave one entry, not two.
     */
    async toggleReaction(viewer: Viewer, messageId: string, emoji: Reaction): Promise<Message> {
      const record = await findOwn(viewer, messageId);
      if (record.deleted) throw errors.conflict('This message was deleted');
      const entry = { emoji, userId: new Types.ObjectId(viewer.userId) };
      const pulled = await MessageModel.updateOne({ _id: record._id, deleted: false }, { $pull: { reactions: entry } });
      if (pulled.modifiedCount === 0)
        await MessageModel.updateOne({ _id: record._id, deleted: false }, { $addToSet: { reactions: entry } });
      const updated = await MessageModel.findById(record._id).lean();
      if (!updated) throw errors.notFound('No such message');
      const message = await presentOne(updated);
      announceUpdate(message);
      return message;
    },

    /** Marks what the partner sent me, up to and including `upTo`, as read, and tells them. */
    async markRead(viewer: Viewer, partnerId: string, upTo: string): Promise<void> {
      await assertMayRead(viewer, partnerId);
      const pairKey = pairKeyOf(viewer.userId, partnerId);
      const upToSeq = await placeInThread(pairKey, upTo);
      const readAt = new Date(clock.now());
      await MessageModel.updateMany(
        { pairKey, senderId: new Types.ObjectId(partnerId), seq: mongoose.trusted({ $lte: upToSeq }), readAt: null },
        { $set: { readAt } },
      );
      // The reader's own other tabs hear it too, so their unread counts drop at once.
      io.to([rooms.user(partnerId), rooms.user(viewer.userId)]).emit('messagesRead', {
        readerId: viewer.userId,
        upTo,
        readAt: readAt.toISOString(),
      });
    },

    /**
     * Leaves a call's trace in the conversation (for `modules/calls`): stored once per callId,
     * announced to both people's tabs. The calls module has already checked they may call.
     */
    async recordCall(input: RecordCallInput): Promise<Message> {
      const { record } = await store({
        clientId: `call-${input.callId ?? randomUUID()}`,
        kind: 'call',
        senderId: new Types.ObjectId(input.callerId),
        receiverId: new Types.ObjectId(input.calleeId),
        text: '',
        replyToId: null,
        attachment: null,
        call: { outcome: input.outcome, durationSeconds: Math.max(0, Math.round(input.durationSeconds)) },
        reactions: [],
        deleted: false,
        editedAt: null,
        readAt: null,
        createdAt: new Date(clock.now()),
      });
      const message = await presentOne(record);
      announceNew(message);
      logger.debug({ messageId: message.id, outcome: input.outcome }, 'call recorded');
      return message;
    },
  };
}

export type MessageService = ReturnType<typeof createMessageService>;

function isDuplicateKey(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 11000;
}

function toMessage(record: MessageRecord, replyTo: ReplyPreview | null): Message {
  const reactions: { emoji: string; userIds: string[] }[] = [];
  for (const { emoji, userId } of record.reactions) {
    const group = reactions.find((candidate) => candidate.emoji === emoji);
    if (group) group.userIds.push(userId.toString());
    else reactions.push({ emoji, userIds: [userId.toString()] });
  }
  const attachment = record.attachment;
  return {
    id: record._id.toString(),
    clientId: record.clientId,
    kind: record.kind,
    senderId: record.senderId.toString(),
    receiverId: record.receiverId.toString(),
    text: record.text,
    replyTo,
    attachment: attachment
      ? {
          fileId: attachment.fileId.toString(),
          name: attachment.name,
          size: attachment.size,
          mimeType: attachment.mimeType,
          url: `/api/files/${attachment.fileId.toString()}`,
        }
      : null,
    call: record.call ? { outcome: record.call.outcome, durationSeconds: record.call.durationSeconds } : null,
    reactions,
    deleted: record.deleted,
    editedAt: record.editedAt?.toISOString() ?? null,
    readAt: record.readAt?.toISOString() ?? null,
    createdAt: record.createdAt.toISOString(),
  };
}
