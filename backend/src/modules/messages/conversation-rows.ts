import mongoose from 'mongoose';
import { isDuplicateKey } from '../../db/duplicate-key.js';
import { createLatestWriter } from '../../lib/latest-writer.js';
import type { Logger } from '../../lib/logger.js';
import { findStaleConversationEnds } from './conversation-heal.js';
import { ConversationModel, MessageModel, type ConversationRecord, type MessageRecord } from './message.model.js';

/*
 * Each conversation has a row naming its last message, so the conversation list reads a user's
 * rows and their last messages by `_id`, instead of scanning every message (which FerretDB does
 * for any condition besides `_id`). Keeping the rows up to date is this file's one job.
 */

export type ConversationRows = ReturnType<typeof createConversationRows>;

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

/**
 * Each row's last message: by `_id`, one index lookup each, where the row names it; by
 * `{pairKey, seq}` (a scan on FerretDB, see docs/performance.md) only for rows written before
 * rows named it.
 */
export async function lastMessagesOf(rows: readonly ConversationRecord[]): Promise<MessageRecord[]> {
  const named = rows.flatMap((row) => (row.lastMessageId ? [row.lastMessageId] : []));
  const unnamed = rows.filter((row) => !row.lastMessageId);
  const [byId, bySeq] = await Promise.all([
    Promise.all(named.map((id) => MessageModel.findById(id).lean<MessageRecord>())),
    unnamed.length
      ? MessageModel.find({ $or: unnamed.map((row) => ({ pairKey: row._id, seq: row.lastSeq })) }).lean<MessageRecord[]>()
      : [],
  ]);
  return [...byId.filter((record): record is MessageRecord => record !== null), ...bySeq];
}

export function createConversationRows(deps: { logger: Logger }) {
  // Later messages move their row on in the background, one write at a time, a thread's burst in
  // one write (latest-writer.ts). Whoever lists conversations has their own rows written first
  // (`flush`), so the list is as current as before; other instances see a row once it is written.
  const behind = createLatestWriter<MessageRecord>({
    write: (_pairKey, record) => touchConversation(record),
    isLater: (candidate, current) => candidate.seq > current.seq,
    concurrency: 1,
    // A pause between writes: under a heavy load rows fall behind and each write carries several
    // messages, instead of the updates taking the database from the inserts.
    pauseMs: 20,
    onError: (error, pairKey) => deps.logger.warn({ err: error, pairKey }, 'conversation row not updated'),
  });

  return {
    /**
     * After a message is stored: a new conversation's row, and a retry's (its first attempt may
     * have died before writing it), are written now, since reading a thread checks the row exists;
     * a later message only moves an existing row on, behind.
     */
    async afterStore(record: MessageRecord, created: boolean): Promise<void> {
      if (record.seq === 1 && created) await startConversation(record);
      else if (!created) await touchConversation(record);
      else behind.write(record.pairKey, record);
    },

    /** Writes the rows still queued (all, or those `which` picks). */
    flush: (which?: (pairKey: string) => boolean) => behind.flush(which),

    /**
     * Brings forward the rows a crash left behind their thread (conversation-heal.ts), resolving
     * with how many it moved. Start-up runs it in the background: lists do not wait for it, since
     * on a big database the pass takes seconds (docs/performance.md).
     */
    async heal(): Promise<number> {
      const ends = await findStaleConversationEnds();
      for (const record of ends) await touchConversation(record);
      return ends.length;
    },
  };
}
