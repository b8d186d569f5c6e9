import type mongoose from 'mongoose';
import { Types } from 'mongoose';
import { COMPLETE_MARKER } from '../../src/modules/messages/member-conversations.js';
import { pageOf, pageRowsOf } from '../../src/modules/messages/thread-pages.js';

/** the driver's Db as mongoose bundles it (the root `mongodb` package is another copy) */
export type Db = ReturnType<ReturnType<typeof mongoose.connection.getClient>['db']>;

/*
 * What the app keeps beside a thread's messages, for the seeds that write messages with the
 * driver (seed.ts, growth-seed.ts): the conversation row with its counters and read marks
 * (message.model.ts), the page rows (thread-pages.ts) and each member's list of conversations
 * (member-conversations.ts). Written as the app would have left them, so a seeded database starts
 * as one the app grew, without a start-up backfill competing with what the bench measures.
 */

/** A seeded message: the fields the thread's state is made of. */
export interface SeededMessage {
  _id: Types.ObjectId;
  pairKey: string;
  seq: number;
  senderId: Types.ObjectId;
  receiverId: Types.ObjectId;
  readAt: Date | null;
  createdAt: Date;
}

// Upserts per bulk write: FerretDB 1.24 took 70 ms for 100 and did not answer 1,000 within 15 s.
const BATCH = 100;

/** The conversation row's update for messages of one thread written in seq order (added to what is there). */
function rowUpdate(written: readonly SeededMessage[]) {
  const last = written.at(-1)!;
  const members = [last.senderId.toHexString(), last.receiverId.toHexString()];
  const unread: Record<string, number> = Object.fromEntries(members.map((member) => [`unread.${member}`, 0]));
  const through: Record<string, number> = {};
  for (const member of members) for (const field of [`readThrough.${member}`, `unreadThrough.${member}`]) through[field] = 0;
  for (const message of written) {
    // Every message was counted when stored; a read one has moved its reader's mark on since.
    const receiver = message.receiverId.toHexString();
    const fields = [`unreadThrough.${receiver}`, ...(message.readAt ? [`readThrough.${receiver}`] : [])];
    for (const field of fields) through[field] = Math.max(through[field]!, message.seq);
    if (!message.readAt) unread[`unread.${receiver}`]! += 1;
  }
  // The newest page's places ride on the row as the app's do (a page row holds them too, which
  // readers do not mind), so the list reads rows of the size the app writes.
  const tail = written.filter((message) => pageOf(message.seq) === pageOf(last.seq)).map(({ seq, _id }) => ({ s: seq, id: _id }));
  return {
    $set: {
      lastSeq: last.seq,
      lastAt: last.createdAt,
      lastMessageId: last._id,
      unreadCounted: true,
      paged: true,
      listed: true,
      tail,
    },
    $inc: unread,
    $max: through,
    $setOnInsert: { userIds: members.map((member) => new Types.ObjectId(member)) },
  };
}

/** Writes the state beside messages already inserted, all of one thread or many, each thread's in seq order. */
export async function writeThreadState(db: Db, written: readonly SeededMessage[]): Promise<void> {
  const threads = new Map<string, SeededMessage[]>();
  for (const message of written) {
    const thread = threads.get(message.pairKey);
    if (thread) thread.push(message);
    else threads.set(message.pairKey, [message]);
  }
  const pages = pageRowsOf(written).map((row) => ({
    updateOne: { filter: { _id: row._id as never }, update: { $addToSet: { entries: { $each: row.entries } } }, upsert: true },
  }));
  const rows = [...threads].map(([pairKey, messages]) => ({
    updateOne: { filter: { _id: pairKey as never }, update: rowUpdate(messages), upsert: true },
  }));
  const lists = [...threads].flatMap(([pairKey, messages]) =>
    [messages[0]!.senderId, messages[0]!.receiverId].map((member) => ({
      updateOne: { filter: { _id: member.toHexString() as never }, update: { $addToSet: { pairKeys: pairKey } }, upsert: true },
    })),
  );
  for (const [collection, operations] of [
    ['threadpages', pages],
    ['conversations', rows],
    ['memberconversations', lists],
  ] as const)
    for (let start = 0; start < operations.length; start += BATCH)
      await db.collection(collection).bulkWrite(operations.slice(start, start + BATCH), { ordered: false });
}

/** Tells the app every conversation is in its members' lists (member-conversations.ts). */
export async function markListsComplete(db: Db): Promise<void> {
  await db
    .collection('memberconversations')
    .updateOne({ _id: COMPLETE_MARKER as never }, { $set: { pairKeys: [] } }, { upsert: true });
}
