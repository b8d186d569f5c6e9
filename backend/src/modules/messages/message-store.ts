import type { ConversationRows } from './conversation-rows.js';
import { MessageModel, pairKeyOf, type MessageRecord } from './message.model.js';
import { placeMessages } from './thread-pages.js';
import { createThreadSequencer } from './thread-sequencer.js';

export type NewMessage = Omit<MessageRecord, '_id' | 'seq' | 'pairKey'>;

export type MessageStore = ReturnType<typeof createMessageStore>;

/** Stores messages in their place in the thread (thread-sequencer.ts) and keeps the conversation rows up to date. */
export function createMessageStore(rows: ConversationRows) {
  const sequencer = createThreadSequencer();

  return {
    /**
     * Stores a message in its place in the thread, or finds the one already stored under its
     * clientId (a retry). Either way the message's place, the conversation row and its unread counts
     * are brought up to date (conversation-rows.ts).
     */
    async store(fields: NewMessage): Promise<{ record: MessageRecord; created: boolean }> {
      const pairKey = pairKeyOf(fields.senderId.toString(), fields.receiverId.toString());
      const result = await sequencer.place(
        pairKey,
        async (seq) => {
          const record = (await MessageModel.create({ ...fields, pairKey, seq })).toObject();
          // In the thread's line, before the next place is given: the row's place, count and last
          // message (conversation-rows.ts) follow the messages in seq order.
          await rows.afterInsert(record);
          return record;
        },
        () => MessageModel.findOne({ senderId: fields.senderId, clientId: fields.clientId }).lean(),
      );
      // A retry writes what its first attempt may have died before writing (each is idempotent).
      if (!result.created) {
        await placeMessages([result.record]);
        await rows.afterRetry(result.record);
      }
      return result;
    },
  };
}
