import mongoose from 'mongoose';
import { isDuplicateKey } from '../../db/duplicate-key.js';
import { hasMarker, setMarker, takeMarker } from '../../db/markers.js';
import { createLatestWriter } from '../../lib/latest-writer.js';
import type { Logger } from '../../lib/logger.js';
import { healPass } from './conversation-heal.js';
import { ConversationModel, MessageModel, type ConversationRecord, type MessageRecord } from './message.model.js';
import { listConversation, listRows } from './member-conversations.js';
import { placeMessages } from './thread-pages.js';
import { backfillCounters, countReceived, firstCounters } from './unread-counters.js';

/*
 * Each conversation has a row naming its last message, so the conversation list reads a user's
 * rows and their last messages by `_id`, instead of scanning every message (which FerretDB does
 * for any condition besides `_id`). Keeping the rows up to date is this file's one job.
 */

export type ConversationRows = ReturnType<typeof createConversationRows>;

/** markers (db/markers.ts): the last process stopped cleanly; every row has counters, pages, marks and lists */
const CLEAN_STOP = 'messages:clean-stop';
const ROWS_COMPLETE = 'messages:rows-complete';

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

/** The first message of a thread creates its row, counting it: an insert, which FerretDB does without a scan. */
async function startConversation(record: MessageRecord): Promise<void> {
  try {
    await ConversationModel.create({
      _id: record.pairKey,
      userIds: [record.senderId, record.receiverId],
      lastSeq: record.seq,
      lastAt: record.createdAt,
      lastMessageId: record._id,
      ...firstCounters(record),
      paged: true,
      listed: true,
    });
    await listConversation(record.pairKey, [record.senderId, record.receiverId]);
  } catch (error) {
    // The row is there already (a thread from before a crash, another instance): move it on if need be.
    if (!isDuplicateKey(error)) throw error;
    await touchConversation(record);
    await countReceived(record, true);
  }
}

/**
 * Each row's last message: all in one read by `_id` (`$in`, an index read on MongoDB and on the
 * patched FerretDB) where the row names it; by `{pairKey, seq}` (a scan on FerretDB, see
 * docs/performance.md) only for rows written before rows named it.
 */
export async function lastMessagesOf(rows: readonly ConversationRecord[]): Promise<MessageRecord[]> {
  const named = rows.flatMap((row) => (row.lastMessageId ? [row.lastMessageId] : []));
  const unnamed = rows.filter((row) => !row.lastMessageId);
  const [byId, bySeq] = await Promise.all([
    named.length ? MessageModel.find({ _id: mongoose.trusted({ $in: named }) }).lean<MessageRecord[]>() : [],
    unnamed.length
      ? MessageModel.find({ $or: unnamed.map((row) => ({ pairKey: row._id, seq: row.lastSeq })) }).lean<MessageRecord[]>()
      : [],
  ]);
  return [...byId, ...bySeq];
}

/** The start-up repairs (conversation-heal.ts finds them): see `heal` below. */
async function healRows(): Promise<number> {
  // After a clean stop nothing is stale, and once every row has what issue 17 added there is
  // nothing to backfill: two reads by `_id` instead of a pass over every conversation row.
  const cleanStop = await takeMarker(CLEAN_STOP);
  if (cleanStop && (await hasMarker(ROWS_COMPLETE))) return 0;
  const { rows, staleEnds, uncounted, unpaged, unmarked } = await healPass();
  await listRows(rows);
  for (const record of staleEnds) await touchConversation(record);
  for (const [pairKey, unreadSeqs] of uncounted) await backfillCounters(pairKey, unreadSeqs);
  for (const [pairKey, placed] of unpaged) {
    await placeMessages(placed);
    await ConversationModel.updateOne({ _id: pairKey }, { $set: { paged: true } });
  }
  for (const [pairKey, marks] of unmarked) {
    const max = Object.fromEntries([...marks].map(([member, seq]) => [`readThrough.${member}`, seq]));
    await ConversationModel.updateOne({ _id: pairKey }, { $max: max });
  }
  // Rows written from now on have them from their first message (`startConversation`).
  await setMarker(ROWS_COMPLETE);
  return staleEnds.length;
}

export function createConversationRows(deps: { logger: Logger }) {
  // Later messages move their row on in the background, one write at a time, a thread's burst in
  // one write (latest-writer.ts). Whoever lists conversations has their own rows written first
  // (`flush`), so the list is as current as before; other instances see a row once it is written.
  // Why it stays now that every write here is by `_id`: what it saves is writes, which FerretDB
  // serialises with the inserts (backend/tools/ferretdb/main.go), not scans.
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
     * Right after the insert, still in the thread's line (message-store.ts), so a thread's messages
     * are counted in seq order: a new conversation's row is written with its count, a later
     * message is counted on its row by `_id` (unread-counters.ts).
     */
    async afterInsert(record: MessageRecord): Promise<void> {
      if (record.seq === 1) await startConversation(record);
      else await countReceived(record, true);
    },

    /**
     * After a message is stored: a retry's row is written now (its first attempt may have died
     * before writing it, and reading a thread checks the row exists), and counted if the first
     * attempt was not; a later message only moves an existing row on, behind.
     */
    async afterStore(record: MessageRecord, created: boolean): Promise<void> {
      if (!created) {
        await touchConversation(record);
        await listConversation(record.pairKey, [record.senderId, record.receiverId]);
        await countReceived(record, false);
      } else if (record.seq !== 1) behind.write(record.pairKey, record);
    },

    /** Writes the rows still queued (all, or those `which` picks). */
    flush: (which?: (pairKey: string) => boolean) => behind.flush(which),

    /** A clean stop: every queued row written, and the next start told it need not look for stale ones. */
    async close(): Promise<void> {
      await behind.flush();
      // Best effort, and bounded: with the database gone a stop must still end (the next start
      // then heals, as after a crash).
      await Promise.race([setMarker(CLEAN_STOP), new Promise((resolve) => setTimeout(resolve, 2_000).unref())]).catch(
        () => undefined,
      );
    },

    /**
     * Brings forward the rows a crash left behind their thread, and gives rows from before the
     * unread counters, page rows and read marks theirs (`healRows`), resolving with how many rows
     * it moved. Start-up runs it in the background: lists do not wait for it.
     */
    heal: healRows,
  };
}
