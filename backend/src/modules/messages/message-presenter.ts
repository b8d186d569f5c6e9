import type { Message, ReplyPreview } from '@telehealth/shared';
import { createIdLoader } from '../../lib/batch-loader.js';
import { MessageModel, type MessageRecord } from './message.model.js';

/** How much of the original a reply shows. */
const REPLY_PREVIEW_LENGTH = 200;

type ReplyOriginal = Pick<MessageRecord, '_id' | 'pairKey' | 'senderId' | 'text' | 'deleted'>;

// Originals by `_id`, one index lookup each (createIdLoader): never an `$in`, which FerretDB
// answers by checking every message against every id.
const originals = createIdLoader<string, ReplyOriginal>(
  async (id) =>
    (await MessageModel.findById(id, { pairKey: 1, senderId: 1, text: 1, deleted: 1 }).lean<ReplyOriginal>()) ?? undefined,
);

/** Records as the API shows them; reply previews are read from the originals, so they follow edits and deletes. */
export async function presentMessages(records: readonly MessageRecord[]): Promise<Message[]> {
  const replyIds = [...new Set(records.flatMap((record) => (record.replyToId ? [record.replyToId.toString()] : [])))];
  const found = await Promise.all(replyIds.map((id) => originals.load(id)));
  const byId = new Map(replyIds.map((id, index) => [id, found[index]]));
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
