import type { Message } from '@telehealth/shared';
import { rooms, type RealtimeServer } from '../../realtime/types.js';

export type MessageAnnouncer = ReturnType<typeof createMessageAnnouncer>;

/** Tells both people's open tabs (REST-then-emit: always after the change is stored). */
export function createMessageAnnouncer(io: RealtimeServer) {
  return {
    /** `exceptSocketId`: the sending tab, which has the HTTP answer already. */
    announceNew(message: Message, exceptSocketId?: string): void {
      io.to(rooms.user(message.receiverId)).emit('newMessage', message);
      io.to(rooms.user(message.senderId))
        .except(exceptSocketId ? [exceptSocketId] : [])
        .emit('newMessage', message);
    },

    announceUpdate(message: Message): void {
      io.to([rooms.user(message.senderId), rooms.user(message.receiverId)]).emit('messageUpdated', message);
    },

    /** The reader's own other tabs hear it too, so their unread counts drop at once. */
    announceRead(readerId: string, partnerId: string, upTo: string, readAt: Date): void {
      io.to([rooms.user(partnerId), rooms.user(readerId)]).emit('messagesRead', { readerId, upTo, readAt: readAt.toISOString() });
    },
  };
}
