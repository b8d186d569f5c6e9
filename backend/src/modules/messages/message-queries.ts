import type { Conversation, HistoryQuery, Message } from '@telehealth/shared';
import mongoose, { Types } from 'mongoose';
import type { Viewer } from '../../lib/viewer.js';
import { readPublicUsers, toPublicUser } from '../users/index.js';
import { lastMessagesOf, type ConversationRows } from './conversation-rows.js';
import { ConversationModel, MessageModel, pairKeyOf } from './message.model.js';
import type { MessagePermissions } from './message-permissions.js';
import { presentMessages } from './message-presenter.js';

const CONVERSATION_LIST_LIMIT = 100;

/** How many unread messages each partner sent me: one pass over my unread, counted per sender (a count per partner was a scan each on FerretDB). */
async function unreadBySender(me: Types.ObjectId): Promise<Map<string, number>> {
  const rows = await MessageModel.aggregate<{ _id: Types.ObjectId; count: number }>([
    { $match: { receiverId: me, readAt: null } },
    { $group: { _id: '$senderId', count: { $sum: 1 } } },
  ]);
  return new Map(rows.map((row) => [row._id.toString(), row.count]));
}

/** The reading side of the thread: the conversation list and pages of history. */
export function createMessageQueries(deps: { rows: ConversationRows; permissions: MessagePermissions }) {
  const { rows: conversationRows, permissions } = deps;

  return {
    /** The viewer's conversations, newest activity first, each with its last message and unread count. */
    async conversations(viewer: Viewer): Promise<Conversation[]> {
      await conversationRows.flush((pairKey) => pairKey.includes(viewer.userId));
      const me = new Types.ObjectId(viewer.userId);
      const rows = await ConversationModel.find({ userIds: me })
        .sort({ lastAt: -1, lastSeq: -1 })
        .limit(CONVERSATION_LIST_LIMIT)
        .lean();
      const partnerIds = rows.map((row) => (row.userIds.find((id) => !id.equals(me)) ?? me).toString());
      const [users, lastRecords, unreadFrom] = await Promise.all([
        readPublicUsers(partnerIds),
        lastMessagesOf(rows),
        unreadBySender(me),
      ]);
      const presented = await presentMessages(lastRecords);
      const lastMessages = new Map(lastRecords.map((record, index) => [record.pairKey, presented[index]!]));
      const viewerParty = { id: viewer.userId, role: viewer.role };
      return rows.flatMap((row, index) => {
        const user = users.get(partnerIds[index]!);
        if (!user) return [];
        return [
          {
            user: toPublicUser(user, viewerParty),
            lastMessage: lastMessages.get(row._id) ?? null,
            unreadCount: unreadFrom.get(partnerIds[index]!) ?? 0,
          },
        ];
      });
    },

    /**
     * A page of the thread in ascending order. Without a cursor: the latest messages.
     * `before`: older history. `after`: everything since (catch-up after a reconnect).
     */
    async history(viewer: Viewer, partnerId: string, query: HistoryQuery): Promise<{ messages: Message[]; hasMore: boolean }> {
      await permissions.assertMayRead(viewer, partnerId);
      const pairKey = pairKeyOf(viewer.userId, partnerId);
      const range: Record<string, number> = {};
      if (query.before) range.$lt = await permissions.placeInThread(pairKey, query.before);
      if (query.after) range.$gt = await permissions.placeInThread(pairKey, query.after);
      const filter = { pairKey, ...(Object.keys(range).length ? { seq: mongoose.trusted(range) } : {}) };
      // Catching up reads forward from the cursor; anything else reads back from the newest.
      const forward = query.after !== undefined;
      const found = await MessageModel.find(filter)
        .sort({ seq: forward ? 1 : -1 })
        .limit(query.limit + 1)
        .lean();
      const hasMore = found.length > query.limit;
      const page = found.slice(0, query.limit);
      if (!forward) page.reverse();
      return { messages: await presentMessages(page), hasMore };
    },
  };
}
