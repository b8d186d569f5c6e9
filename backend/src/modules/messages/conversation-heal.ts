import type { Types } from 'mongoose';
import { ConversationModel, MessageModel, type ConversationRecord, type MessageRecord } from './message.model.js';
import { endsBeyond } from './thread-pages.js';

/** Per thread, per receiver: the seqs of their unread messages (for rows from before the unread counters). */
export type UnreadSeqs = Map<string, Map<string, number[]>>;

type PlacedMessage = Pick<MessageRecord, '_id' | 'pairKey' | 'seq'>;

/** What the start-up pass found to repair (conversation-rows.ts `heal` writes it). */
export interface HealFindings {
  /** every conversation row, with what the lists need (member-conversations.ts) */
  rows: HealRow[];
  /** the last message of every thread whose conversation row lags behind it */
  staleEnds: MessageRecord[];
  /** rows from before the unread counters: each receiver's unread seqs */
  uncounted: UnreadSeqs;
  /** rows from before the page rows (thread-pages.ts): every message's place */
  unpaged: Map<string, PlacedMessage[]>;
  /** rows from before read marks (read-marks.ts): per member, the last place they had read */
  unmarked: Map<string, Map<string, number>>;
}

type HealRow = Pick<ConversationRecord, '_id' | 'lastSeq' | 'userIds' | 'unreadCounted' | 'paged' | 'readThrough' | 'listed'>;

const isComplete = (row: HealRow) => Boolean(row.unreadCounted && row.paged && row.readThrough);

/**
 * The repairs start-up makes, in the background:
 * - `staleEnds`: rows naming an older message than their page rows hold, which the list would show
 *   in the wrong order until the thread's next message. Versions before issue 17's last change
 *   wrote the row behind its message, so a process killed between the two left it so; now the row
 *   is written in the thread's line, and only a retry whose row write failed leaves one. The page
 *   rows tell where each thread ends, by `_id`.
 * - rows from before the counters, the page rows or the read marks get them from one pass over
 *   the messages; once every row has them, start-up reads only the conversation rows and a page
 *   row or two per thread, whatever the number of messages (docs/performance.md).
 * What it does not find: a message stored whose row write never was (a crash between the two, in
 * the thread's line). The sender's retry writes it; before that, the thread's next message finds
 * its place taken and the messages tell it where the thread ends (thread-sequencer.ts), and a read
 * of that place finds no entry and reads the messages (thread-pages.ts `readPlaces`).
 */
export async function healPass(): Promise<HealFindings> {
  const rows = await ConversationModel.find(
    {},
    { lastSeq: 1, userIds: 1, unreadCounted: 1, paged: 1, readThrough: 1, listed: 1 },
  ).lean<HealRow[]>();
  const byKey = new Map(rows.map((row) => [row._id, row]));
  const old = rows.filter((row) => !isComplete(row));
  const passed = old.length ? await passOverMessages(old) : emptyPass();
  const paged = await endsBeyond(
    rows.filter((row) => !passed.ends.has(row._id)).map((row) => ({ pairKey: row._id, lastSeq: row.lastSeq })),
  );
  const ends = [...paged, ...[...passed.ends].filter(([pairKey, end]) => end.seq > (byKey.get(pairKey)?.lastSeq ?? 0))];
  const found = await Promise.all(ends.map(([, end]) => MessageModel.findById(end.id).lean<MessageRecord>()));
  const staleEnds = found.filter((record): record is MessageRecord => record !== null);
  return { rows, staleEnds, uncounted: passed.uncounted, unpaged: passed.unpaged, unmarked: passed.unmarked };
}

interface ThreadEnd {
  seq: number;
  id: Types.ObjectId;
}

interface Pass {
  ends: Map<string, ThreadEnd>;
  uncounted: UnreadSeqs;
  unpaged: Map<string, PlacedMessage[]>;
  unmarked: Map<string, Map<string, number>>;
}

const emptyPass = (): Pass => ({ ends: new Map(), uncounted: new Map(), unpaged: new Map(), unmarked: new Map() });

type PassedMessage = PlacedMessage & Pick<MessageRecord, 'receiverId' | 'readAt' | 'kind'>;

/**
 * For the threads of rows from before the counters, page rows or read marks: each one's last
 * message, and what each missing part needs, streamed as six small fields per message. Hand-written
 * instead of `$group`: FerretDB 1.24 answers "$group accumulator $max is not implemented yet".
 */
async function passOverMessages(rows: readonly HealRow[]): Promise<Pass> {
  const pass = emptyPass();
  const byKey = new Map(rows.map((row) => [row._id, row]));
  for (const row of rows) {
    if (!row.unreadCounted) pass.uncounted.set(row._id, new Map());
    if (!row.paged) pass.unpaged.set(row._id, []);
    if (!row.readThrough) pass.unmarked.set(row._id, new Map(row.userIds.map((id) => [id.toString(), 0])));
  }
  const fields = { _id: 1, pairKey: 1, seq: 1, receiverId: 1, readAt: 1, kind: 1 };
  const cursor = MessageModel.find({}, fields).lean<PassedMessage[]>().cursor({ batchSize: 5_000 });
  for await (const message of cursor) {
    if (!byKey.has(message.pairKey)) continue;
    if (message.seq > (pass.ends.get(message.pairKey)?.seq ?? 0))
      pass.ends.set(message.pairKey, { seq: message.seq, id: message._id });
    pass.unpaged.get(message.pairKey)?.push({ _id: message._id, pairKey: message.pairKey, seq: message.seq });
    noteReading(pass, message);
  }
  return pass;
}

/** As `countsAsUnread` (unread-counters.ts): system entries count for no one, read or unread. */
function noteReading(pass: Pass, { pairKey, seq, receiverId, readAt, kind }: PassedMessage): void {
  if (kind === 'system') return;
  const receiver = receiverId.toString();
  const marks = pass.unmarked.get(pairKey);
  // A receipt marks everything up to its message, so the last read message is the reader's mark.
  if (readAt && marks) marks.set(receiver, Math.max(marks.get(receiver) ?? 0, seq));
  const receivers = pass.uncounted.get(pairKey);
  if (readAt || !receivers) return;
  const seqs = receivers.get(receiver);
  if (seqs) seqs.push(seq);
  else receivers.set(receiver, [seq]);
}
