import mongoose, { Schema, type Types } from 'mongoose';
import { isDuplicateKey } from '../../db/duplicate-key.js';
import { readInChunks } from '../../db/id-reads.js';
import { ConversationModel, type ConversationRecord } from './message.model.js';

/*
 * Which conversations each person has, keyed by their id: the conversation list reads one row by
 * `_id` and then the conversation rows by `_id: {$in}`, instead of asking the conversation rows
 * `{userIds: me}`, which FerretDB's SQLite backend answers by reading every row (a doctor's list
 * would cost as much as every conversation in the clinic). On MongoDB the `{userIds, lastAt}` index
 * would do; this costs it one write per new conversation.
 *
 * Rows from before these lists are added by the start-up pass (`listRows`), which then writes the
 * marker below; until a process has seen the marker, it lists the old way.
 */

interface MemberConversationsRecord {
  /** the person's id */
  _id: string;
  /** the `_id`s (pair keys) of their conversation rows */
  pairKeys: string[];
}

const memberConversationsSchema = new Schema<MemberConversationsRecord>(
  { _id: { type: String, required: true }, pairKeys: { type: [String], default: [] } },
  { versionKey: false },
);

export const MemberConversationsModel = mongoose.model<MemberConversationsRecord>(
  'MemberConversations',
  memberConversationsSchema,
);

/** the row whose presence says every conversation row is in its members' lists */
export const COMPLETE_MARKER = '~every-conversation-listed';

/** Adds a conversation to its members' lists (`$addToSet`: writing it twice is harmless). */
export async function listConversation(pairKey: string, userIds: readonly Types.ObjectId[]): Promise<void> {
  for (const userId of new Set(userIds.map(String))) {
    const write = () =>
      MemberConversationsModel.updateOne({ _id: userId }, { $addToSet: { pairKeys: pairKey } }, { upsert: true });
    // Two first writers of one person's list collide on its `_id`: the loser adds to it.
    await write().catch((error: unknown) => {
      if (!isDuplicateKey(error)) throw error;
      return write();
    });
  }
}

let complete = false;

async function listsAreComplete(): Promise<boolean> {
  complete ||= (await MemberConversationsModel.exists({ _id: COMPLETE_MARKER })) !== null;
  return complete;
}

/** The list needs no places (a page of them per row, thread-pages.ts), and the database need not send them. */
const WITHOUT_TAIL = { tail: 0 } as const;

/**
 * A person's conversation rows, newest activity first, at most `limit`: through their list when
 * every row is listed, else (a database from before the lists, until the start-up pass) by `userIds`.
 */
export async function conversationRowsOf(userId: Types.ObjectId, limit: number): Promise<ConversationRecord[]> {
  if (!(await listsAreComplete()))
    return ConversationModel.find({ userIds: userId }, WITHOUT_TAIL).sort({ lastAt: -1, lastSeq: -1 }).limit(limit).lean();
  const pairKeys = (await MemberConversationsModel.findById(userId.toString()).lean())?.pairKeys ?? [];
  const rows = await readInChunks(pairKeys, (keys) =>
    ConversationModel.find({ _id: mongoose.trusted({ $in: keys }) }, WITHOUT_TAIL).lean<ConversationRecord[]>(),
  );
  const newestFirst = (a: ConversationRecord, b: ConversationRecord) =>
    b.lastAt.getTime() - a.lastAt.getTime() || b.lastSeq - a.lastSeq;
  return rows.sort(newestFirst).slice(0, limit);
}

/**
 * The start-up pass's part: lists every row not listed yet (rows from before the lists, or written
 * by hand), marks it listed, and writes the marker once all are.
 */
export async function listRows(rows: readonly Pick<ConversationRecord, '_id' | 'userIds' | 'listed'>[]): Promise<void> {
  for (const row of rows.filter((candidate) => !candidate.listed)) {
    await listConversation(row._id, row.userIds);
    await ConversationModel.updateOne({ _id: row._id }, { $set: { listed: true } });
  }
  await MemberConversationsModel.updateOne({ _id: COMPLETE_MARKER }, { $set: { pairKeys: [] } }, { upsert: true });
  complete = true;
}
