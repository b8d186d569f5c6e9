import mongoose, { type UpdateQuery } from 'mongoose';
import { isDuplicateKey } from '../../db/duplicate-key.js';
import { hasMarker, setMarker, takeMarker } from '../../db/markers.js';
import { healPass } from './conversation-heal.js';
import { ConversationModel, MessageModel, type ConversationRecord, type MessageRecord } from './message.model.js';
import { listConversation, listRows } from './member-conversations.js';
import { moveTailToPages, opensPage, pageOf, placeMessages } from './thread-pages.js';
import { backfillCounters, countRetry, firstCounters, receivedCounts } from './unread-counters.js';

/*
 * Each conversation has a row naming its last message, so the conversation list reads a user's
 * rows and their last messages by `_id`, instead of scanning every message (which FerretDB does
 * for any condition besides `_id`). Keeping the rows up to date is this file's one job.
 */

export type ConversationRows = ReturnType<typeof createConversationRows>;

/** markers (db/markers.ts): the last process stopped cleanly; every row has counters, pages, marks and lists */
const CLEAN_STOP = 'messages:clean-stop';
const ROWS_COMPLETE = 'messages:rows-complete';

/** The row's fields naming its last message. */
const lastMessageOf = (record: MessageRecord) => ({ lastSeq: record.seq, lastAt: record.createdAt, lastMessageId: record._id });

/**
 * Moves the conversation's "last message" forward, never back (two instances may finish out of
 * order), creating the row if it is missing, with `also` (counts, a place) written in the same
 * update. The filter names `_id`, so it is one index lookup (on FerretDB too, with the build
 * patched in backend/scripts/setup-ferretdb.sh). Resolves false when the row was already past this
 * message, and nothing was written.
 */
async function moveConversationOn(record: MessageRecord, also: UpdateQuery<ConversationRecord> = {}): Promise<boolean> {
  try {
    await ConversationModel.updateOne(
      { _id: record.pairKey, lastSeq: mongoose.trusted({ $lt: record.seq }) },
      { ...also, $set: lastMessageOf(record), $setOnInsert: { userIds: [record.senderId, record.receiverId] } },
      { upsert: true },
    );
    return true;
  } catch (error) {
    // The row exists with this or a later message already: the upsert's insert collided.
    if (!isDuplicateKey(error)) throw error;
    return false;
  }
}

/**
 * A later message, right after its insert and still in the thread's line: its place (the row's
 * tail, thread-pages.ts), its unread count and the row's last message, in one update by `_id`.
 * One write besides the insert, because FerretDB serialises writes (backend/tools/ferretdb/main.go)
 * and every extra one lengthens every send (docs/performance.md). Should another instance have
 * moved the row past it already, the place and count are written alone.
 */
async function recordInRow(record: MessageRecord): Promise<void> {
  if (opensPage(record.seq)) await moveTailToPages(record.pairKey, pageOf(record.seq));
  const placeAndCount = { ...receivedCounts(record), $addToSet: { tail: { s: record.seq, id: record._id } } };
  if (!(await moveConversationOn(record, placeAndCount)))
    await ConversationModel.updateOne({ _id: record.pairKey }, placeAndCount);
}

/** The first message of a thread creates its row, counting it: an insert, which FerretDB does without a scan. */
async function startConversation(record: MessageRecord): Promise<void> {
  try {
    await ConversationModel.create({
      _id: record.pairKey,
      userIds: [record.senderId, record.receiverId],
      ...lastMessageOf(record),
      ...firstCounters(record),
      paged: true,
      listed: true,
      tail: [{ s: record.seq, id: record._id }],
    });
    await listConversation(record.pairKey, [record.senderId, record.receiverId]);
  } catch (error) {
    // The row is there already (a thread from before a crash, another instance): as a later message.
    if (!isDuplicateKey(error)) throw error;
    await recordInRow(record);
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
  for (const record of staleEnds) await moveConversationOn(record);
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

export function createConversationRows() {
  return {
    /**
     * Right after the insert, still in the thread's line (message-store.ts), so a thread's messages
     * are placed and counted in seq order: a new conversation's row is written with its first
     * message, a later message is written to its row by `_id` (`recordInRow`).
     */
    async afterInsert(record: MessageRecord): Promise<void> {
      if (record.seq === 1) await startConversation(record);
      else await recordInRow(record);
    },

    /**
     * A retry of a message already stored: its first attempt may have died before writing its row
     * (and reading a thread checks the row exists), or before counting it. Both are written now, as
     * far as they were not; its place is written by the caller (`placeMessages`).
     */
    async afterRetry(record: MessageRecord): Promise<void> {
      await moveConversationOn(record);
      await listConversation(record.pairKey, [record.senderId, record.receiverId]);
      await countRetry(record);
    },

    /** A clean stop: the next start is told it need not look for stale rows. */
    async close(): Promise<void> {
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
