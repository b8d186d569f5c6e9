import type { Message, ReplyPreview } from '@telehealth/shared';
import mongoose from 'mongoose';
import { createIdLoader } from '../../lib/batch-loader.js';
import { MessageModel, type MessageRecord } from './message.model.js';

/** How much of the original a reply shows. */
const REPLY_PREVIEW_LENGTH = 200;

type ReplyOriginal = Pick<MessageRecord, '_id' | 'pairKey' | 'senderId' | 'text' | 'deleted'>;

// A single message's original by `_id` (createIdLoader: sends at once share their lookups); a
// page's originals in one `_id: {$in}` read (an index read on MongoDB and on the patched FerretDB).
const originals = createIdLoader<string, ReplyOriginal>(
  async (id) => (await MessageModel.findById(id, ORIGINAL_FIELDS).lean<ReplyOriginal>()) ?? undefined,
);
const ORIGINAL_FIELDS = { pairKey: 1, senderId: 1, text: 1, deleted: 1 };

async function originalsOf(ids: string[]): Promise<Map<string, ReplyOriginal | undefined>> {
  if (ids.length <= 1) return new Map(await Promise.all(ids.map(async (id) => [id, await originals.load(id)] as const)));
  const found = await MessageModel.find({ _id: mongoose.trusted({ $in: ids }) }, ORIGINAL_FIELDS).lean<ReplyOriginal[]>();
  return new Map(found.map((original) => [original._id.toString(), original]));
}

/** Records as the API shows them; reply previews are read from the originals, so they follow edits and deletes. */
export async function presentMessages(records: readonly MessageRecord[]): Promise<Message[]> {
  const replyIds = [...new Set(records.flatMap((record) => (record.replyToId ? [record.replyToId.toString()] : [])))];
  const byId = await originalsOf(replyIds);
  return records.map((record) =>
    toMessage(record, record.replyToId ? previewOf(record, byId.get(record.replyToId.toString())) : null),
  );
}

export async function presentMessage(record: MessageRecord): Promise<Message> {
  const [message] = await presentMessages([record]);
  return message!;
}

/** A reply's preview: the original's start, or nothing if it was deleted or is not in this thread. */
function previewOf(record: MessageRecord, original: ReplyOriginal | undefined): ReplyPreview {
  const visible = original !== undefined && original.pairKey === record.pairKey && !original.deleted;
  return {
    id: record.replyToId!.toString(),
    senderId: original?.senderId.toString() ?? '',
    text: visible ? original.text.slice(0, REPLY_PREVIEW_LENGTH) : '',
    deleted: !visible,
  };
}

/** Reactions stored flat (one entry per user and emoji) grouped by emoji, in the order first given. */
function groupReactions(record: MessageRecord): { emoji: string; userIds: string[] }[] {
  const reactions: { emoji: string; userIds: string[] }[] = [];
  for (const { emoji, userId } of record.reactions) {
    const group = reactions.find((candidate) => candidate.emoji === emoji);
    if (group) group.userIds.push(userId.toString());
    else reactions.push({ emoji, userIds: [userId.toString()] });
  }
  return reactions;
}

export function toMessage(record: MessageRecord, replyTo: ReplyPreview | null): Message {
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
    system: record.system ? { ...record.system, consultationId: record.system.consultationId.toString() } : null,
    instructions: record.instructions ? { confirmedAt: record.instructions.confirmedAt?.toISOString() ?? null } : null,
    reactions: groupReactions(record),
    deleted: record.deleted,
    editedAt: record.editedAt?.toISOString() ?? null,
    readAt: record.readAt?.toISOString() ?? null,
    createdAt: record.createdAt.toISOString(),
  };
}
