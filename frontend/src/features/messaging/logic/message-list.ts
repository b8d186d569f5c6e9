import type { Message } from '@telehealth/shared';

/**
 * Thread order: by creation time, then by id. The server orders by a per-thread sequence it does not
 * expose; for messages stored one after another (one backend instance serialises each thread) time
 * and sequence agree, and pages arrive already in that order.
 */
export function compareMessages(a: Message, b: Message): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The sender and clientId of a message: the same message whether pending here or stored there. */
export function messageKey(message: Pick<Message, 'senderId' | 'clientId'>): string {
  return `${message.senderId}:${message.clientId}`;
}

/**
 * Merges messages into a sorted thread without duplicates. A message seen twice (the HTTP answer
 * and a socket event, a catch-up page overlapping what is shown) is kept once, by id and by
 * (sender, clientId); the incoming copy wins, being the newer word from the server.
 */
export function mergeMessages(existing: readonly Message[], incoming: readonly Message[]): Message[] {
  if (incoming.length === 0) return existing as Message[];
  const byKey = new Map<string, Message>();
  const keyOfId = new Map<string, string>();
  for (const message of [...existing, ...incoming]) {
    const key = messageKey(message);
    const previousKey = keyOfId.get(message.id);
    if (previousKey !== undefined && previousKey !== key) byKey.delete(previousKey);
    byKey.set(key, message);
    keyOfId.set(message.id, key);
  }
  return [...byKey.values()].sort(compareMessages);
}

/** Server-side reply previews are this long. */
const REPLY_PREVIEW_LENGTH = 200;

/**
 * Applies an edit, reaction or delete to the thread: the message itself if loaded, and the quotes
 * of it in replies (the server resolves those on every read; here they follow at once).
 */
export function replaceMessage(messages: readonly Message[], updated: Message): Message[] {
  let changed = false;
  const next = messages.map((message) => {
    if (message.id === updated.id) {
      changed = true;
      return updated;
    }
    if (message.replyTo?.id === updated.id) {
      changed = true;
      const deleted = updated.deleted;
      return {
        ...message,
        replyTo: { ...message.replyTo, text: deleted ? '' : updated.text.slice(0, REPLY_PREVIEW_LENGTH), deleted },
      };
    }
    return message;
  });
  return changed ? next : (messages as Message[]);
}

/** The newest message the server has confirmed: the `after` cursor for catching up. */
export function newestMessageId(messages: readonly Message[]): string | null {
  return messages.at(-1)?.id ?? null;
}

/**
 * Applies a read receipt: messages from `senderId` up to and including `upTo` get `readAt`.
 * When `upTo` is not in the loaded part of the thread it is newer than all of it (receipts are
 * sent for the newest message on screen), so everything loaded from that sender is read.
 */
export function markReadUpTo(messages: readonly Message[], senderId: string, upTo: string, readAt: string): Message[] {
  const limit = messages.findIndex((message) => message.id === upTo);
  const last = limit === -1 ? messages.length - 1 : limit;
  let changed = false;
  const next = messages.map((message, index) => {
    if (index > last || message.senderId !== senderId || message.readAt !== null) return message;
    changed = true;
    return { ...message, readAt };
  });
  return changed ? next : (messages as Message[]);
}

/** The newest message from the partner not yet marked read: what a read receipt should name. */
export function newestUnreadFrom(messages: readonly Message[], partnerId: string): Message | null {
  for (let index = messages.length - 1; index >= 0; index -= 1) {
    const message = messages[index]!;
    if (message.senderId === partnerId) return message.readAt === null ? message : null;
  }
  return null;
}

/** Unread messages from the partner in the loaded thread. */
export function countUnreadFrom(messages: readonly Message[], partnerId: string): number {
  return messages.filter((message) => message.senderId === partnerId && message.readAt === null).length;
}
