import mongoose, { type UpdateQuery } from 'mongoose';
import { ConversationModel, type ConversationRecord, type MessageRecord } from './message.model.js';

/*
 * Unread counts kept on the conversation row (`unread.<userId>`), so neither the conversation list
 * nor a read receipt counts messages: on FerretDB's SQLite backend only `_id` equality uses an
 * index, and any count over messages reads every message in the database.
 *
 * Every write here names the row's `_id`, and uses only `$inc`, `$max`, `$min` and `$set` on dotted
 * fields (MongoDB and FerretDB 1.24 alike; no arrayFilters, no transactions).
 */

/** System entries are stored read (a mark in the thread, nobody's unread); so is anything born read. */
export function countsAsUnread(record: MessageRecord): boolean {
  return record.kind !== 'system' && !record.readAt;
}

/**
 * The counters a new row starts with: its first message counted for its receiver, nothing for its
 * sender, nobody has read anything yet, and the row marked as covering the whole thread.
 */
export function firstCounters(
  record: MessageRecord,
): Pick<ConversationRecord, 'unread' | 'unreadThrough' | 'unreadCounted' | 'readThrough'> {
  const receiver = record.receiverId.toString();
  const sender = record.senderId.toString();
  const counted = countsAsUnread(record);
  return {
    unread: { [receiver]: counted ? 1 : 0, [sender]: 0 },
    unreadThrough: { [receiver]: counted ? record.seq : 0, [sender]: 0 },
    unreadCounted: true,
    readThrough: { [receiver]: 0, [sender]: 0 },
  };
}

/**
 * The update that counts a stored message for its receiver (nothing for a message that is not
 * counted), made by the send that inserted it, in the thread's line, with the rest of its row
 * update (conversation-rows.ts). It counts unconditionally: another instance may count a later
 * place first, and that must not hide this one. Increments are never merged or written behind.
 * On a row from before the counters, `$min unreadLiveFrom` tells the backfill where live counting began.
 */
export function receivedCounts(record: MessageRecord): UpdateQuery<ConversationRecord> {
  if (!countsAsUnread(record)) return {};
  const receiver = record.receiverId.toString();
  return {
    $inc: { [`unread.${receiver}`]: 1 },
    $max: { [`unreadThrough.${receiver}`]: record.seq },
    $min: { [`unreadLiveFrom.${receiver}`]: record.seq },
  };
}

/**
 * Counts a retry of a clientId already stored: its first attempt may have died between the insert
 * and the count, so it counts only if the row has counted nothing at this place or after. The
 * limit: a retry racing its own first attempt may count twice, and one arriving after a later
 * message was counted counts nothing; the next read receipt up to the newest message sets either right.
 */
export async function countRetry(record: MessageRecord): Promise<void> {
  if (!countsAsUnread(record)) return;
  const receiver = record.receiverId.toString();
  const notCountedYet = { [`unreadThrough.${receiver}`]: mongoose.trusted({ $not: { $gte: record.seq } }) };
  await ConversationModel.updateOne({ _id: record.pairKey, ...notCountedYet }, receivedCounts(record));
}

/**
 * A read receipt up to `upToSeq` that marked `newlyRead` messages read, and moves the reader's
 * read mark (`readThrough`, read-marks.ts) on. Usually one conditional update: nothing counted
 * after `upToSeq`, so the count is 0 (which also mends any drift). When a later message was
 * counted, the count drops by what this receipt marked. A row without counters yet (before the
 * start-up backfill) only gets its mark: the backfill counts.
 */
export async function countRead(pairKey: string, readerId: string, upToSeq: number, newlyRead: number): Promise<void> {
  const through = `unreadThrough.${readerId}`;
  const mark = { $max: { [`readThrough.${readerId}`]: upToSeq } };
  const reset = await ConversationModel.updateOne(
    { _id: pairKey, [through]: mongoose.trusted({ $lte: upToSeq }) },
    { $set: { [`unread.${readerId}`]: 0 }, ...mark },
  );
  if (reset.matchedCount > 0) return;
  const dropped = await ConversationModel.updateOne(
    { _id: pairKey, [through]: mongoose.trusted({ $gt: upToSeq }) },
    { $inc: { [`unread.${readerId}`]: -newlyRead }, ...mark },
  );
  if (dropped.matchedCount === 0) await ConversationModel.updateOne({ _id: pairKey }, mark);
}

/** What the viewer has unread in this row (never below 0, should a receipt race a crash). */
export function unreadOf(row: Pick<ConversationRecord, 'unread'>, userId: string): number {
  return Math.max(0, row.unread?.[userId] ?? 0);
}

const BACKFILL_ATTEMPTS = 5;

/**
 * Gives a row from before the counters its counts, from the start-up pass over the messages
 * (`unreadSeqs`: per receiver, the seqs of their unread messages in this thread). Messages counted
 * live since the upgrade (seq ≥ `unreadLiveFrom`) are not counted again; those below were stored
 * before this process started, so the pass saw them. The filter pins `unreadLiveFrom` as read, so a
 * first live count landing in between makes the update miss and the row is read again.
 * Limit: a receipt during the pass may be counted against a state the pass read before it; the
 * next receipt up to the newest message sets the count right (`countRead`).
 */
export async function backfillCounters(pairKey: string, unreadSeqs: ReadonlyMap<string, readonly number[]>): Promise<boolean> {
  for (let attempt = 0; attempt < BACKFILL_ATTEMPTS; attempt += 1) {
    const row = await ConversationModel.findById(pairKey, { userIds: 1, unreadCounted: 1, unreadLiveFrom: 1 }).lean();
    if (!row || row.unreadCounted) return false;
    const filter: Record<string, unknown> = { _id: pairKey, unreadCounted: mongoose.trusted({ $ne: true }) };
    const inc: Record<string, number> = {};
    const max: Record<string, number> = {};
    for (const member of row.userIds.map(String)) {
      const liveFrom = row.unreadLiveFrom?.[member];
      filter[`unreadLiveFrom.${member}`] = liveFrom ?? mongoose.trusted({ $exists: false });
      const seqs = (unreadSeqs.get(member) ?? []).filter((seq) => liveFrom === undefined || seq < liveFrom);
      inc[`unread.${member}`] = seqs.length;
      max[`unreadThrough.${member}`] = seqs.reduce((highest, seq) => Math.max(highest, seq), 0);
    }
    const result = await ConversationModel.updateOne(filter, { $inc: inc, $max: max, $set: { unreadCounted: true } });
    if (result.matchedCount > 0) return true;
  }
  return false;
}
