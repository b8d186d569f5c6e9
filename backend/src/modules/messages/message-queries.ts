import type { Conversation, HistoryQuery, Message } from '@telehealth/shared';
import { Types } from 'mongoose';
import type { Viewer } from '../../lib/viewer.js';
import { readPublicUsers, toPublicUser } from '../users/index.js';
import { lastMessagesOf } from './conversation-rows.js';
import { conversationRowsOf } from './member-conversations.js';
import { pairKeyOf } from './message.model.js';
import { endOfThread, pageRange, readPlaces } from './thread-pages.js';
import type { MessagePermissions } from './message-permissions.js';
import { presentMessages } from './message-presenter.js';
import { unreadOf } from './unread-counters.js';

const CONVERSATION_LIST_LIMIT = 100;

/** The reading side of the thread: the conversation list and pages of history. */
export function createMessageQueries(deps: { permissions: MessagePermissions }) {
  const { permissions } = deps;

  return {
    /** The viewer's conversations, newest activity first, each with its last message and unread count. */
    async conversations(viewer: Viewer): Promise<Conversation[]> {
      const me = new Types.ObjectId(viewer.userId);
      const rows = await conversationRowsOf(me, CONVERSATION_LIST_LIMIT);
      const partnerIds = rows.map((row) => (row.userIds.find((id) => !id.equals(me)) ?? me).toString());
      // Unread counts come with the rows (unread-counters.ts): no count over the messages.
      const [users, lastRecords] = await Promise.all([readPublicUsers(partnerIds), lastMessagesOf(rows)]);
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
            unreadCount: unreadOf(row, viewer.userId),
          },
        ];
      });
    },

    /**
     * A page of the thread in ascending order. Without a cursor: the latest messages.
     * `before`: older history. `after`: everything since (catch-up after a reconnect). Read by
     * `_id` through the thread's page rows (thread-pages.ts), whatever the size of the database.
     */
    async history(viewer: Viewer, partnerId: string, query: HistoryQuery): Promise<{ messages: Message[]; hasMore: boolean }> {
      await permissions.assertMayRead(viewer, partnerId);
      const pairKey = pairKeyOf(viewer.userId, partnerId);
      const [before, after] = await Promise.all([
        query.before ? permissions.placeInThread(pairKey, query.before) : undefined,
        query.after ? permissions.placeInThread(pairKey, query.after) : undefined,
      ]);
      // Reading back from `before` needs no end; anything else asks where the thread ends now.
      const end = before !== undefined && after === undefined ? 0 : await endOfThread(pairKey);
      const { from, to, hasMore } = pageRange({ end, before, after, limit: query.limit });
      return { messages: await presentMessages(await readPlaces(pairKey, from, to)), hasMore };
    },
  };
}
