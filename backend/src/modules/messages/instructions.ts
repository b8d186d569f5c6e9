import type { Message, PendingInstructionsAnswer } from '@telehealth/shared';
import mongoose, { Schema, type Types } from 'mongoose';
import { errors } from '../../lib/app-error.js';
import type { Clock } from '../../lib/clock.js';
import type { Viewer } from '../../lib/viewer.js';
import { readPublicUsers, toPublicUser } from '../users/index.js';
import type { MessageAnnouncer } from './message-announcer.js';
import { MessageModel, type MessageRecord } from './message.model.js';
import type { MessagePermissions } from './message-permissions.js';
import { presentMessage, presentMessages } from './message-presenter.js';

/**
 * Each patient's unconfirmed instructions, one row per patient read by `_id`: the patient's home
 * asks for them on every visit, and a filter on the messages themselves is a scan of every message
 * on FerretDB's SQLite backend. The row is written after its message and healed by a retried send;
 * the messages stay the truth (a listed id whose message is confirmed or deleted is skipped).
 */
interface PendingInstructionsRecord {
  /** the patient's id */
  _id: string;
  messageIds: Types.ObjectId[];
}

const PendingInstructionsModel = mongoose.model<PendingInstructionsRecord>(
  'PendingInstructions',
  new Schema<PendingInstructionsRecord>(
    { _id: { type: String, required: true }, messageIds: { type: [Schema.Types.ObjectId], default: [] } },
    { versionKey: false },
  ),
);

export interface InstructionDeps {
  clock: Clock;
  permissions: MessagePermissions;
  announcer: MessageAnnouncer;
}

const isPending = (record: MessageRecord | null, patientId: string): record is MessageRecord =>
  record !== null && !record.deleted && record.receiverId.equals(patientId) && record.instructions?.confirmedAt === null;

/** Instructions a doctor sends and their patient confirms: the pending list, and "I understand". */
export function createInstructions(deps: InstructionDeps) {
  /** Brings the patient's pending row in line with this message (sent, retried, confirmed or deleted). */
  async function track(record: MessageRecord): Promise<void> {
    if (!record.instructions) return;
    const entry = { messageIds: record._id };
    const pending = isPending(record, record.receiverId.toString());
    await PendingInstructionsModel.updateOne(
      { _id: record.receiverId.toString() },
      pending ? { $addToSet: entry } : { $pull: entry },
      { upsert: pending },
    );
  }

  /** The patient they are for confirms them, once; both people's tabs hear `messageUpdated`. */
  async function confirm(viewer: Viewer, messageId: string): Promise<Message> {
    const record = await deps.permissions.findOwn(viewer, messageId);
    if (!record.receiverId.equals(viewer.userId))
      throw errors.forbidden('Only the patient they are for can confirm instructions');
    if (!record.instructions) throw errors.conflict('This message is not instructions');
    if (record.deleted) throw errors.conflict('This message was deleted');
    const changed = await MessageModel.findOneAndUpdate(
      { _id: record._id, deleted: false, 'instructions.confirmedAt': null },
      { $set: { 'instructions.confirmedAt': new Date(deps.clock.now()) } },
      { returnDocument: 'after' },
    ).lean();
    if (!changed) throw errors.conflict('These instructions were already confirmed');
    await track(changed);
    const message = await presentMessage(changed);
    deps.announcer.announceUpdate(message);
    return message;
  }

  /** A patient's unconfirmed instructions from every doctor, oldest first, each with its doctor. */
  async function pending(viewer: Viewer): Promise<PendingInstructionsAnswer['instructions']> {
    const row = await PendingInstructionsModel.findById(viewer.userId).lean();
    const found = await Promise.all((row?.messageIds ?? []).map((id) => MessageModel.findById(id).lean()));
    const records = found
      .filter((record) => isPending(record, viewer.userId))
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    const [messages, doctors] = await Promise.all([
      presentMessages(records),
      readPublicUsers(records.map((record) => record.senderId.toString())),
    ]);
    const viewerParty = { id: viewer.userId, role: viewer.role };
    return messages.flatMap((message) => {
      const doctor = doctors.get(message.senderId);
      return doctor ? [{ message, doctor: toPublicUser(doctor, viewerParty) }] : [];
    });
  }

  return { track, confirm, pending };
}

export type Instructions = ReturnType<typeof createInstructions>;
