import { randomUUID } from 'node:crypto';
import {
  EDIT_WINDOW_MS,
  type CallOutcome,
  type Message,
  type Reaction,
  type Role,
  type SendMessageInput,
} from '@telehealth/shared';
import { Types } from 'mongoose';
import { errors } from '../../lib/app-error.js';
import type { Clock } from '../../lib/clock.js';
import type { Logger } from '../../lib/logger.js';
import type { Viewer } from '../../lib/viewer.js';
import type { Instructions } from './instructions.js';
import type { MessageAnnouncer } from './message-announcer.js';
import { MessageModel, pairKeyOf, type MessageRecord } from './message.model.js';
import type { MessagePermissions } from './message-permissions.js';
import { presentMessage } from './message-presenter.js';
import type { MessageStore, NewMessage } from './message-store.js';
import { markReadUpTo } from './read-marks.js';

/** An attachment already streamed to storage (files/upload.ts). */
export interface StoredAttachment {
  id: string;
  name: string;
  size: number;
  mimeType: string;
}

export interface SendOptions {
  /** an attachment already streamed to storage: removed here if the send does not use it */
  file?: StoredAttachment | undefined;
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

export interface MessageCommandDeps {
  clock: Clock;
  logger: Logger;
  removeFile(fileId: string): Promise<void>;
  store: MessageStore;
  permissions: MessagePermissions;
  announcer: MessageAnnouncer;
  instructions: Instructions;
  /** an account's role and active flag: instructions go from a doctor to a patient only */
  userStatus(userId: string): Promise<{ role: Role; active: boolean } | undefined>;
}

/** The fields every new message starts with; `kind`-specific ones are given. */
export function newMessage(
  at: number,
  fields: Pick<NewMessage, 'clientId' | 'kind' | 'senderId' | 'receiverId'> & Partial<NewMessage>,
): NewMessage {
  return {
    text: '',
    replyToId: null,
    attachment: null,
    call: null,
    system: null,
    instructions: null,
    reactions: [],
    deleted: false,
    editedAt: null,
    readAt: null,
    createdAt: new Date(at),
    ...fields,
  };
}

type Deps = MessageCommandDeps;

/** Presents a changed message and tells both people's tabs. */
async function announced(deps: Deps, record: MessageRecord | null): Promise<Message> {
  if (!record) throw errors.notFound('No such message');
  const message = await presentMessage(record);
  deps.announcer.announceUpdate(message);
  return message;
}

/** The sender's own text message, which they may still change. */
async function ownText(deps: Deps, viewer: Viewer, messageId: string, verb: 'edit' | 'delete'): Promise<MessageRecord> {
  const record = await deps.permissions.findOwn(viewer, messageId);
  if (!record.senderId.equals(viewer.userId)) throw errors.forbidden(`Only its sender can ${verb} a message`);
  if (record.kind !== 'text')
    throw errors.forbidden(
      `${record.kind === 'call' ? 'A call record' : 'A system entry'} cannot be ${verb === 'edit' ? 'edited' : 'deleted'}`,
    );
  return record;
}

/** Instructions are a doctor's, to one of their patients (`assertMayMessage` has checked the relation). */
async function assertMayInstruct(deps: Deps, viewer: Viewer, receiverId: string): Promise<void> {
  if (viewer.role !== 'doctor') throw errors.forbidden('Only a doctor can send instructions');
  if ((await deps.userStatus(receiverId))?.role !== 'patient') throw errors.forbidden('Instructions are for patients');
}

/**
 * REST-then-emit: store first, then tell the receiver's tabs and the sender's other tabs.
 * A repeated clientId answers the stored message (`created: false`) and announces it again,
 * in case the first attempt stored it but never got to announce it.
 */
async function send(
  deps: Deps,
  viewer: Viewer,
  receiverId: string,
  input: SendMessageInput,
  options: SendOptions = {},
): Promise<{ message: Message; created: boolean }> {
  await deps.permissions.assertMayMessage(viewer.userId, receiverId);
  if (input.instructions) await assertMayInstruct(deps, viewer, receiverId);
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
    // A retry heals a pending row the first attempt did not get to write.
    await deps.instructions.track(record);
    const message = await presentMessage(record);
    deps.announcer.announceNew(message, options.exceptSocketId);
    return { message, created };
  };

  // A retried upload must not keep its file twice: the message that has one already keeps its own.
  if (stored) {
    const existing = await MessageModel.findOne({ senderId, clientId: input.clientId }).lean();
    if (existing) {
      await deps.removeFile(stored.id);
      return answer(existing, false);
    }
  }
  const { record, created } = await deps.store.store(
    newMessage(deps.clock.now(), {
      clientId: input.clientId,
      kind: 'text',
      senderId,
      receiverId: new Types.ObjectId(receiverId),
      text: input.text,
      replyToId: input.replyTo ? new Types.ObjectId(input.replyTo) : null,
      attachment: stored
        ? { fileId: new Types.ObjectId(stored.id), name: stored.name, size: stored.size, mimeType: stored.mimeType }
        : null,
      instructions: input.instructions ? { confirmedAt: null } : null,
    }),
  );
  // Lost a race with a concurrent retry on another instance: that one's file is the message's.
  if (!created && stored) await deps.removeFile(stored.id);
  return answer(record, created);
}

/** The sender rewrites a text within the edit window; a deleted message stays deleted. */
async function edit(deps: Deps, viewer: Viewer, messageId: string, text: string): Promise<Message> {
  const record = await ownText(deps, viewer, messageId, 'edit');
  if (record.deleted) throw errors.conflict('This message was deleted');
  // The patient confirmed what they read: the words stay as confirmed.
  if (record.instructions?.confirmedAt) throw errors.conflict('Confirmed instructions cannot be edited');
  if (deps.clock.now() - record.createdAt.getTime() > EDIT_WINDOW_MS)
    throw errors.conflict('This message can no longer be edited');
  const changed = await MessageModel.findOneAndUpdate(
    { _id: record._id, deleted: false },
    { $set: { text, editedAt: new Date(deps.clock.now()) } },
    { returnDocument: 'after' },
  ).lean();
  if (!changed) throw errors.conflict('This message was deleted');
  return announced(deps, changed);
}

/** Soft delete: the message keeps its place, loses its content, and its file is removed from storage. */
async function remove(deps: Deps, viewer: Viewer, messageId: string): Promise<Message> {
  const record = await ownText(deps, viewer, messageId, 'delete');
  const changed = await MessageModel.findOneAndUpdate(
    { _id: record._id },
    { $set: { text: '', attachment: null, reactions: [], deleted: true } },
    { returnDocument: 'after' },
  ).lean();
  if (!changed) throw errors.notFound('No such message');
  await deps.instructions.track(changed);
  if (record.attachment) await deps.removeFile(record.attachment.fileId.toString());
  return announced(deps, changed);
}

/**
 * Adds or takes back this user's reaction. Stored flat so it is a `$pull`, and an `$addToSet`
 * only when nothing was pulled (FerretDB has no positional `$` or `arrayFilters`). `$addToSet`
 * rather than `$push`: two toggles racing both to add leave one entry, not two.
 */
async function toggleReaction(deps: Deps, viewer: Viewer, messageId: string, emoji: Reaction): Promise<Message> {
  const record = await deps.permissions.findOwn(viewer, messageId);
  // A consultation's start and end belong to the thread, not to either person: nothing to react to.
  if (record.kind === 'system') throw errors.forbidden('A system entry takes no reactions');
  if (record.deleted) throw errors.conflict('This message was deleted');
  const entry = { emoji, userId: new Types.ObjectId(viewer.userId) };
  const pulled = await MessageModel.updateOne({ _id: record._id, deleted: false }, { $pull: { reactions: entry } });
  if (pulled.modifiedCount === 0)
    await MessageModel.updateOne({ _id: record._id, deleted: false }, { $addToSet: { reactions: entry } });
  return announced(deps, await MessageModel.findById(record._id).lean());
}

/** Marks what the partner sent me, up to and including `upTo`, as read (read-marks.ts), and tells them. */
async function markRead(deps: Deps, viewer: Viewer, partnerId: string, upTo: string): Promise<void> {
  await deps.permissions.assertMayRead(viewer, partnerId);
  const pairKey = pairKeyOf(viewer.userId, partnerId);
  const upToSeq = await deps.permissions.placeInThread(pairKey, upTo);
  const readAt = new Date(deps.clock.now());
  await markReadUpTo(pairKey, viewer.userId, partnerId, upToSeq, readAt);
  deps.announcer.announceRead(viewer.userId, partnerId, upTo, readAt);
}

/**
 * Leaves a call's trace in the conversation (for `modules/calls`): stored once per callId,
 * announced to both people's tabs. The calls module has already checked they may call.
 */
async function recordCall(deps: Deps, input: RecordCallInput): Promise<Message> {
  const { record } = await deps.store.store(
    newMessage(deps.clock.now(), {
      clientId: `call-${input.callId ?? randomUUID()}`,
      kind: 'call',
      senderId: new Types.ObjectId(input.callerId),
      receiverId: new Types.ObjectId(input.calleeId),
      call: { outcome: input.outcome, durationSeconds: Math.max(0, Math.round(input.durationSeconds)) },
    }),
  );
  const message = await presentMessage(record);
  deps.announcer.announceNew(message);
  deps.logger.debug({ messageId: message.id, outcome: input.outcome }, 'call recorded');
  return message;
}

/** The changing side of the thread: send, edit, delete, react, read, and the calls module's traces. */
export function createMessageCommands(deps: MessageCommandDeps) {
  return {
    send: (viewer: Viewer, receiverId: string, input: SendMessageInput, options?: SendOptions) =>
      send(deps, viewer, receiverId, input, options),
    edit: (viewer: Viewer, messageId: string, text: string) => edit(deps, viewer, messageId, text),
    remove: (viewer: Viewer, messageId: string) => remove(deps, viewer, messageId),
    toggleReaction: (viewer: Viewer, messageId: string, emoji: Reaction) => toggleReaction(deps, viewer, messageId, emoji),
    markRead: (viewer: Viewer, partnerId: string, upTo: string) => markRead(deps, viewer, partnerId, upTo),
    recordCall: (input: RecordCallInput) => recordCall(deps, input),
  };
}
