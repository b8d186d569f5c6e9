import type { Conversation, Message, PublicUser } from '@telehealth/shared';

export const ME = 'aaaaaaaaaaaaaaaaaaaaaaaa';
export const DOCTOR = 'bbbbbbbbbbbbbbbbbbbbbbbb';
export const OTHER = 'cccccccccccccccccccccccc';

let counter = 0;

/** A stored message for tests: `n` orders it (id and time both grow with it). */
export function message(n: number, overrides: Partial<Message> = {}): Message {
  counter += 1;
  return {
    id: `m${String(n).padStart(4, '0')}`,
    clientId: `client-${n}-${counter}`,
    kind: 'text',
    senderId: DOCTOR,
    receiverId: ME,
    text: `message ${n}`,
    replyTo: null,
    attachment: null,
    call: null,
    reactions: [],
    deleted: false,
    editedAt: null,
    readAt: null,
    createdAt: new Date(Date.UTC(2025, 0, 1, 12, 0, n)).toISOString(),
    ...overrides,
  };
}

export function user(id: string, name: string): PublicUser {
  return { id, name, role: 'doctor', avatarUrl: null, active: true, createdAt: '2025-01-01T00:00:00.000Z' };
}

export function conversation(partnerId: string, lastMessage: Message | null, unreadCount = 0): Conversation {
  return { user: user(partnerId, `User ${partnerId.slice(0, 3)}`), lastMessage, unreadCount };
}
