import mongoose, { Schema, type Types } from 'mongoose';
import { isDuplicateKey } from '../../db/duplicate-key.js';
import { IDS_PER_READ, readInChunks } from '../../db/id-reads.js';
import { ConversationModel, MessageModel, placeEntrySchema, type MessageRecord, type PlaceEntry } from './message.model.js';

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
 * every message the clinic ever stored (docs/decisions.md §7). On MongoDB the index would do.
 *
 * The newest page's places are kept on the conversation row itself (its `tail`), written by the
 * same update that counts the message (conversation-rows.ts), because FerretDB serialises writes
 * and a page row written per message made every send one write longer (docs/performance.md). The
 * message that opens a page moves the tail's earlier places to their page row (`moveTailToPages`).
 * Readers take a thread's places from both.
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

export interface ThreadPageRecord {
  /** `<pairKey>/<page number>`: page n holds places n*PAGE_SIZE+1 … (n+1)*PAGE_SIZE */
  _id: string;
  /** in no particular order: two instances may add theirs out of order */
  entries: PlaceEntry[];
}

const threadPageSchema = new Schema<ThreadPageRecord>(
  { _id: { type: String, required: true }, entries: { type: [placeEntrySchema], default: [] } },
  { versionKey: false },
);

export const ThreadPageModel = mongoose.model<ThreadPageRecord>('ThreadPage', threadPageSchema);

export const pageOf = (seq: number) => Math.floor((seq - 1) / PAGE_SIZE);
/** the message opens its page: the places before it can move from the row's tail to their page row */
export const opensPage = (seq: number) => seq > 1 && (seq - 1) % PAGE_SIZE === 0;
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

/** The places `from`…`to` as one map of place → message id: their page rows and the row's tail, read by `_id`. */
async function entriesOf(pairKey: string, from: number, to: number): Promise<Map<number, Types.ObjectId>> {
  const keys = Array.from({ length: pageOf(to) - pageOf(from) + 1 }, (_, index) => pageKey(pairKey, pageOf(from) + index));
  const [rows, conversation] = await Promise.all([
    ThreadPageModel.find({ _id: mongoose.trusted({ $in: keys }) }).lean(),
    ConversationModel.findById(pairKey, { tail: 1 }).lean(),
  ]);
  const entries = [...rows.flatMap((row) => row.entries), ...(conversation?.tail ?? [])];
  return new Map(entries.map((entry) => [entry.s, entry.id] as const));
}

/**
 * Called before a message that opens a page (`opensPage`) is added to the row's tail: the tail's
 * places from earlier pages are written to their page rows, then taken off the tail, so the tail
 * stays one page long. A crash between the two leaves them in both, which readers do not mind.
 */
export async function moveTailToPages(pairKey: string, page: number): Promise<void> {
  const row = await ConversationModel.findById(pairKey, { tail: 1 }).lean();
  // Rebuilt key by key: `$pullAll` matches subdocuments whole, field order included.
  const moving = (row?.tail ?? []).filter((entry) => pageOf(entry.s) < page).map(({ s, id }) => ({ s, id }));
  if (moving.length === 0) return;
  await placeMessages(moving.map((entry) => ({ _id: entry.id, pairKey, seq: entry.s })));
  await ConversationModel.updateOne({ _id: pairKey }, { $pullAll: { tail: moving } });
}

/**
 * Where the thread ends by its page rows, from a place known to be stored: the highest place in
 * that place's page row, and on through the next rows while each page is full (on its row or, for
 * the newest, on the conversation row's tail). A missing row adds nothing: its places, if any, are
 * on the tail the caller has read.
 */
export async function threadEnd(pairKey: string, knownStored: number): Promise<number> {
  let page = pageOf(Math.max(knownStored, 1));
  let end = knownStored;
  for (;;) {
    const row = await ThreadPageModel.findById(pageKey(pairKey, page)).lean();
    end = (row?.entries ?? []).reduce((highest, entry) => Math.max(highest, entry.s), end);
    if (end < lastPlaceOf(page)) return end;
    page += 1;
  }
}

/**
 * For many threads at once (the start-up pass): those whose last stored place is after the place
 * given, with that place and its message's id. The page rows of the given places are read 1,000 at
 * a time by `_id: {$in}`; only a thread whose known end closes a page reads on, alone.
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
      const known = Math.max(thread.lastSeq, last?.s ?? 0);
      if (known === lastPlaceOf(pageOf(known))) {
        // A full page: the thread may go on in the next rows.
        const end = await threadEnd(thread.pairKey, known);
        const id = end > known ? (await entriesOf(thread.pairKey, end, end)).get(end) : undefined;
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
 * The thread's last stored place: from its conversation row (its last message and its tail) and
 * page rows, all by `_id`. No row: no messages (a thread's first message writes its row in the
 * thread's line; should a crash come between the two, the sender's retry writes it). A row from
 * before the page rows, not yet given them by the start-up pass, asks the messages.
 */
export async function endOfThread(pairKey: string): Promise<number> {
  const row = await ConversationModel.findById(pairKey, { lastSeq: 1, tail: 1, paged: 1 }).lean();
  if (!row) return 0;
  if (!row.paged) return lastPlaceFromMessages(pairKey);
  return threadEnd(
    pairKey,
    (row.tail ?? []).reduce((highest, entry) => Math.max(highest, entry.s), row.lastSeq),
  );
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
