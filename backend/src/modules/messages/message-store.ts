import type { ConversationRows } from './conversation-rows.js';
import { MessageModel, pairKeyOf, type MessageRecord } from './message.model.js';
import { createThreadSequencer } from './thread-sequencer.js';

export type NewMessage = Omit<MessageRecord, '_id' | 'seq' | 'pairKey'>;

export type MessageStore = ReturnType<typeof createMessageStore>;

/** Stores messages in their place in the thread (thread-sequencer.ts) and keeps the conversation rows up to date. */
export function createMessageStore(rows: ConversationRows) {
  const sequencer = createThreadSequencer();

  return {
    /**
     * Stores a message in its place in the thread, or finds the one already stored under its
     * clientId (a retry). Either way the conversation row is brought up to date (conversation-rows.ts).
     */
    async store(fields: NewMessage): Promise<{ record: MessageRecord; created: boolean }> {
      const pairKey = pairKeyOf(fields.senderId.toString(), fields.receiverId.toString());
      const result = await sequencer.place(
        pairKey,
        async (seq) => (await MessageModel.create({ ...fields, pairKey, seq })).toObject(),
        () => MessageModel.findOne({ senderId: fields.senderId, clientId: fields.clientId }).lean(),
      );
      await rows.afterStore(result.record, result.created);
      return result;
    },
  };
}
