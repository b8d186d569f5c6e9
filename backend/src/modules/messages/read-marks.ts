import mongoose, { Types } from 'mongoose';
import { ConversationModel, MessageModel } from './message.model.js';
import { readPlaces } from './thread-pages.js';
import { countRead } from './unread-counters.js';

/*
 * A read receipt: "I have read what you sent me, up to this message". Each message keeps when it
 * was read (`readAt`, which the API shows per message), and the conversation row keeps each
 * member's mark (`readThrough`), so a receipt touches only the places after the reader's mark, each
 * by `_id`, found through the thread's page rows (thread-pages.ts). An `updateMany` over the thread
 * read every message in the database on FerretDB (docs/performance.md, data growth).
 */

/**
 * Marks what `partnerId` sent the reader in places after their mark, up to `upToSeq`, read at
 * `readAt`, then moves the row's counters and mark on (unread-counters.ts). Two receipts at once
 * (two tabs) may go over the same places: each message is marked by one of them (`readAt: null` in
 * the filter), so the unread count drops once per message.
 */
export async function markReadUpTo(pairKey: string, readerId: string, partnerId: string, upToSeq: number, readAt: Date) {
  const row = await ConversationModel.findById(pairKey, { readThrough: 1 }).lean();
  const mark = row?.readThrough?.[readerId];
  const partner = new Types.ObjectId(partnerId);
  let newlyRead = 0;
  if (mark === undefined) {
    // A row from before read marks (the start-up pass gives it one): the thread, once, the old way.
    const result = await MessageModel.updateMany(
      { pairKey, senderId: partner, seq: mongoose.trusted({ $lte: upToSeq }), readAt: null },
      { $set: { readAt } },
    );
    newlyRead = result.modifiedCount;
  } else if (upToSeq > mark) {
    const unread = (await readPlaces(pairKey, mark + 1, upToSeq)).filter(
      (record) => record.senderId.equals(partner) && !record.readAt,
    );
    if (unread.length) {
      const ids = unread.map((record) => record._id);
      const result = await MessageModel.updateMany({ _id: mongoose.trusted({ $in: ids }), readAt: null }, { $set: { readAt } });
      newlyRead = result.modifiedCount;
    }
  }
  await countRead(pairKey, readerId, upToSeq, newlyRead);
}
