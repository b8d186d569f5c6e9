import type { Types } from 'mongoose';
import { ConversationModel, MessageModel, type MessageRecord } from './message.model.js';

/**
 * The last message of every thread whose conversation row lags behind it (or has no row at all).
 *
 * Why: a conversation row is written behind its message (latest-writer.ts), so a process killed
 * between the two leaves the row naming an older message, and the list shows it, in the wrong
 * order, until the thread's next message. Run once at start-up, before the lag can matter.
 *
 * Cost, with FerretDB in mind (only `_id` equality is indexed): one pass over the messages (three
 * fields each, whatever the number of conversations), one over the rows, then one read by `_id`
 * per stale thread. Measured on FerretDB 1.24 here: see docs/performance.md (heal at start-up).
 */
export async function findStaleConversationEnds(): Promise<MessageRecord[]> {
  const [ends, rows] = await Promise.all([threadEnds(), ConversationModel.find({}, { lastSeq: 1 }).lean()]);
  const rowEnds = new Map(rows.map((row) => [row._id, row.lastSeq]));
  const stale = [...ends].filter(([pairKey, end]) => (rowEnds.get(pairKey) ?? 0) < end.seq);
  const records = await Promise.all(stale.map(([, end]) => MessageModel.findById(end.id).lean<MessageRecord>()));
  return records.filter((record): record is MessageRecord => record !== null);
}

interface ThreadEnd {
  seq: number;
  id: Types.ObjectId;
}

/**
 * Each thread's last message (highest `seq`, and its `_id` to read it by), streamed as three small
 * fields per message. Hand-written instead of `$group`/`$max`: FerretDB 1.24 answers "$group
 * accumulator $max is not implemented yet".
 */
async function threadEnds(): Promise<Map<string, ThreadEnd>> {
  const ends = new Map<string, ThreadEnd>();
  const cursor = MessageModel.find({}, { _id: 1, pairKey: 1, seq: 1 })
    .lean<{ _id: Types.ObjectId; pairKey: string; seq: number }[]>()
    .cursor({ batchSize: 5_000 });
  for await (const { _id, pairKey, seq } of cursor) {
    if (seq > (ends.get(pairKey)?.seq ?? 0)) ends.set(pairKey, { seq, id: _id });
  }
  return ends;
}
