import mongoose, { Schema, type Types } from 'mongoose';
import { isDuplicateKey } from '../../db/duplicate-key.js';
import { IDS_PER_READ, readInChunks } from '../../db/id-reads.js';
import { ConversationModel, MessageModel, type MessageRecord } from './message.model.js';

/*
 * A thread's index, kept by the app: which message holds each place (`seq`), in rows of
 * PAGE_SIZE places keyed by `_id` (`<pairKey>/<page>`). Reading a thread's newest page, an older
 * page or a catch-up is then two reads by `_id`: the page rows, then their messages, each one
 * `_id: {$in}` (an index read on MongoDB, and on FerretDB with patch 3 in
 * backend/scripts/setup-ferretdb.sh).
 *
 * Why by hand, when `{pairKey: 1, seq: 1}` is an index: FerretDB 1.24 on SQLite answers only `_id`
 * conditions from an index, and reads every message in the database for any other filter, so a
 * page of a 100-message thread cost as much as a page of a 10,000-message one, and both grew with
 * every message the clinic ever stored (docs/decisions.md §7). On MongoDB the index would do; the
 * rows cost it one small write per message.
 *
 * A place's entry is written right after its message, in the thread's line (message-store.ts), so
 * an entry never names a message that is not stored. It may lag: another instance's message
 * between two of ours, or a crash between the two writes. Seqs have no holes (thread-sequencer.ts),
 * so a missing entry in a range is seen, and that range is read from the messages instead and its
 * entries written (`readPlaces`): slower, never wrong. Threads from before the rows get theirs
 * from the start-up pass (conversation-heal.ts).
 */

/** places per row: a page of history (50 by default, at most 100) spans two or three rows */
export const PAGE_SIZE = 50;

interface PlaceEntry {
  /** the place, `seq` */
  s: number;
  id: Types.ObjectId;
}

export interface ThreadPageRecord {
  /** `<pairKey>/<page number>`: page n holds places n*PAGE_SIZE+1 … (n+1)*PAGE_SIZE */
  _id: string;
  /** in no particular order: two instances may add theirs out of order */
  entries: PlaceEntry[];
}

const threadPageSchema = new Schema<ThreadPageRecord>(
  {
    _id: { type: String, required: true },
    entries: {
      type: [
        new Schema({ s: { type: Number, required: true }, id: { type: Schema.Types.ObjectId, required: true } }, { _id: false }),
      ],
      default: [],
    },
  },
  { versionKey: false },
);

export const ThreadPageModel = mongoose.model<ThreadPageRecord>('ThreadPage', threadPageSchema);

export const pageOf = (seq: number) => Math.floor((seq - 1) / PAGE_SIZE);
const pageKey = (pairKey: string, page: number) => `${pairKey}/${page}`;
const lastPlaceOf = (page: number) => (page + 1) * PAGE_SIZE;

/** The page rows holding these messages, as written by `placeMessages` (and by the bench's seed). */
export function pageRowsOf(records: readonly Pick<MessageRecord, '_id' | 'pairKey' | 'seq'>[]): ThreadPageRecord[] {
  const rows = new Map<string, ThreadPageRecord>();
  for (const { _id, pairKey, seq } of records) {
    const key = pageKey(pairKey, pageOf(seq));
    const row = rows.get(key) ?? { _id: key, entries: [] };
    row.entries.push({ s: seq, id: _id });
    rows.set(key, row);
  }
  return [...rows.values()];
}

/**
 * Writes the places of these messages (`$addToSet`, so writing one twice is harmless), one upsert
 * by `_id` per page row. Two first writers of a row collide on its `_id`: the loser adds to it.
 */
export async function placeMessages(records: readonly Pick<MessageRecord, '_id' | 'pairKey' | 'seq'>[]): Promise<void> {
  for (const row of pageRowsOf(records)) {
    const write = () =>
      ThreadPageModel.updateOne({ _id: row._id }, { $addToSet: { entries: { $each: row.entries } } }, { upsert: true });
    await write().catch((error: unknown) => {
      if (!isDuplicateKey(error)) throw error;
      return write();
    });
  }
}

/** The page rows covering places `from`…`to`, read by `_id`, as one map of place → message id. */
async function entriesOf(pairKey: string, from: number, to: number): Promise<Map<number, Types.ObjectId>> {
  const keys = Array.from({ length: pageOf(to) - pageOf(from) + 1 }, (_, index) => pageKey(pairKey, pageOf(from) + index));
  const rows = await ThreadPageModel.find({ _id: mongoose.trusted({ $in: keys }) }).lean();
  return new Map(rows.flatMap((row) => row.entries.map((entry) => [entry.s, entry.id] as const)));
}

/**
 * Where the thread ends, starting from a place known to be stored (the conversation row's
 * `lastSeq`, which is never ahead): the highest place in its page row, and in the next rows while
 * each is full. Undefined when that row is missing (a thread from before the rows, not yet
 * backfilled): the caller asks the messages.
 */
export async function threadEnd(pairKey: string, knownStored: number): Promise<number | undefined> {
  if (knownStored === 0) return 0;
  let page = pageOf(knownStored);
  let end = knownStored;
  for (;;) {
    const row = await ThreadPageModel.findById(pageKey(pairKey, page)).lean();
    if (!row) return page === pageOf(knownStored) ? undefined : end;
    end = row.entries.reduce((highest, entry) => Math.max(highest, entry.s), end);
    if (end < lastPlaceOf(page)) return end;
    page += 1;
  }
}

/**
 * For many threads at once (the start-up pass): those whose last stored place is after the place
 * given, with that place and its message's id. The page rows of the given places are read 1,000 at
 * a time by `_id: {$in}`; only a thread whose row ends exactly at a full page reads on, alone.
 */
export async function endsBeyond(
  threads: readonly { pairKey: string; lastSeq: number }[],
): Promise<Map<string, { seq: number; id: Types.ObjectId }>> {
  const beyond = new Map<string, { seq: number; id: Types.ObjectId }>();
  const withPlaces = threads.filter((thread) => thread.lastSeq > 0);
  for (let start = 0; start < withPlaces.length; start += IDS_PER_READ) {
    const chunk = withPlaces.slice(start, start + IDS_PER_READ);
    const keys = chunk.map((thread) => pageKey(thread.pairKey, pageOf(thread.lastSeq)));
    const rows = new Map(
      (await ThreadPageModel.find({ _id: mongoose.trusted({ $in: keys }) }).lean()).map((row) => [row._id, row.entries]),
    );
    for (const [index, thread] of chunk.entries()) {
      const entries = rows.get(keys[index]!) ?? [];
      let last = entries.reduce<PlaceEntry | undefined>((best, entry) => (!best || entry.s > best.s ? entry : best), undefined);
      if (last && last.s === lastPlaceOf(pageOf(thread.lastSeq))) {
        // A full page: the thread may go on in the next rows.
        const end = (await threadEnd(thread.pairKey, last.s)) ?? last.s;
        const id = end > last.s ? (await entriesOf(thread.pairKey, end, end)).get(end) : undefined;
        if (id) last = { s: end, id };
      }
      if (last && last.s > thread.lastSeq) beyond.set(thread.pairKey, { seq: last.s, id: last.id });
    }
  }
  return beyond;
}

/** The last place of the thread as its messages say (a scan on FerretDB: only when the rows cannot tell). */
export async function lastPlaceFromMessages(pairKey: string): Promise<number> {
  const last = await MessageModel.findOne({ pairKey }, { seq: 1 }).sort({ seq: -1 }).lean();
  return last?.seq ?? 0;
}

/**
 * The thread's last stored place: from its conversation row and page rows, all by `_id`. No row:
 * no messages (a thread's first message writes its row in the thread's line; should a crash come
 * between the two, the sender's retry writes it). A row without page rows asks the messages.
 */
export async function endOfThread(pairKey: string): Promise<number> {
  const row = await ConversationModel.findById(pairKey, { lastSeq: 1 }).lean();
  if (!row) return 0;
  return (await threadEnd(pairKey, row.lastSeq)) ?? (await lastPlaceFromMessages(pairKey));
}

/**
 * The messages in places `from`…`to` (inclusive), in thread order, read by `_id`. A place without
 * an entry sends the whole range to the messages themselves (a scan on FerretDB), and the entries
 * found there are written, so the next read is by `_id` again.
 */
export async function readPlaces(pairKey: string, from: number, to: number): Promise<MessageRecord[]> {
  if (to < from) return [];
  const entries = await entriesOf(pairKey, from, to);
  const ids: Types.ObjectId[] = [];
  for (let seq = from; seq <= to; seq += 1) {
    const id = entries.get(seq);
    if (!id) return readPlacesFromMessages(pairKey, from, to);
    ids.push(id);
  }
  const records = await readInChunks(ids, (chunk) =>
    MessageModel.find({ _id: mongoose.trusted({ $in: chunk }) }).lean<MessageRecord[]>(),
  );
  return records.sort((a, b) => a.seq - b.seq);
}

async function readPlacesFromMessages(pairKey: string, from: number, to: number): Promise<MessageRecord[]> {
  const records = await MessageModel.find({ pairKey, seq: mongoose.trusted({ $gte: from, $lte: to }) })
    .sort({ seq: 1 })
    .lean<MessageRecord[]>();
  await placeMessages(records);
  return records;
}

/**
 * Which places a page of history spans (pure, so its edges are tested on their own): with
 * `after`, forward from it (a catch-up); otherwise back from `before`, or from the thread's end.
 */
export function pageRange(query: { end: number; before?: number; after?: number; limit: number }): {
  from: number;
  to: number;
  hasMore: boolean;
} {
  const upper = query.before !== undefined ? query.before - 1 : query.end;
  if (query.after !== undefined) {
    const to = Math.min(upper, query.after + query.limit);
    return { from: query.after + 1, to, hasMore: upper > to };
  }
  const from = Math.max(1, upper - query.limit + 1);
  return { from, to: upper, hasMore: from > 1 };
}
