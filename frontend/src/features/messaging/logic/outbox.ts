import type { Message, ReplyPreview } from '@telehealth/shared';
import { messageKey } from './message-list';

/**
 * A message written here and not yet confirmed by the server. It is kept (in IndexedDB) until the
 * server answers with the stored message, so closing the tab or losing the network loses nothing.
 */
export interface OutboxEntry {
  clientId: string;
  senderId: string;
  receiverId: string;
  text: string;
  replyTo: ReplyPreview | null;
  file: { blob: Blob; name: string; size: number; type: string } | null;
  /** sent as a doctor's instructions, so a retry (or a reload) sends it as them too. Absent (kept from before): false */
  instructions?: boolean;
  /** when it was written here, ISO */
  createdAt: string;
  /** creation order on this device; sends go out in this order */
  order: number;
  /** `failed`: the server refused it: waits for Retry (when retrying can work), to be moved back to the box, or discarded */
  state: 'queued' | 'failed';
  /** the refusal in words, for a failed entry: what follows "Not sent: " (logic/not-sent.ts) */
  error: string | null;
  /** false when sending it again would meet the same refusal: no Retry then. Absent (kept from before): true */
  retryable?: boolean;
  /** set while the server's rate limit holds it back (ms since epoch); queued still, sent after (outbox-retry.ts) */
  pausedUntil?: number | null;
}

/** How one of my messages is doing, as the thread shows it. */
export type DeliveryStatus = 'sending' | 'sent' | 'read' | 'failed';

/** Outbox entries in the order they must reach the server. */
export function sortOutbox(entries: readonly OutboxEntry[]): OutboxEntry[] {
  return [...entries].sort((a, b) => a.order - b.order || (a.clientId < b.clientId ? -1 : 1));
}

/** The next entry to send, oldest first; failed ones wait for the person to press Retry. */
export function nextToSend(entries: readonly OutboxEntry[], inFlight: ReadonlySet<string> = new Set()): OutboxEntry | null {
  return sortOutbox(entries).find((entry) => entry.state === 'queued' && !inFlight.has(entry.clientId)) ?? null;
}

/** An order number after every existing one, even if the clock went backwards. */
export function nextOrder(entries: readonly OutboxEntry[], now: number): number {
  return Math.max(now, ...entries.map((entry) => entry.order + 1));
}

/** One row of the thread: a stored message, or one of mine still on its way. */
export interface ThreadItem {
  /** stable from the moment it is written to the moment it is stored: `senderId:clientId` */
  key: string;
  message: Message;
  /** only for my own messages */
  status: DeliveryStatus | null;
  /** the outbox entry behind a pending message */
  pending: OutboxEntry | null;
}

/** A pending entry shown as a message, so the thread renders both alike. */
export function pendingAsMessage(entry: OutboxEntry): Message {
  return {
    id: `pending-${entry.clientId}`,
    clientId: entry.clientId,
    kind: 'text',
    senderId: entry.senderId,
    receiverId: entry.receiverId,
    text: entry.text,
    replyTo: entry.replyTo,
    attachment: entry.file
      ? { fileId: '', name: entry.file.name, size: entry.file.size, mimeType: entry.file.type, url: '' }
      : null,
    call: null,
    // marked as instructions while it goes; the patient can confirm only once it is stored
    instructions: entry.instructions ? { confirmedAt: null } : null,
    reactions: [],
    deleted: false,
    editedAt: null,
    readAt: null,
    createdAt: entry.createdAt,
  };
}

/** How a stored message of mine is doing. */
export function deliveryStatus(message: Message): DeliveryStatus {
  return message.readAt === null ? 'sent' : 'read';
}

/**
 * The thread as shown: stored messages in order, then mine still pending in the order written.
 * A pending entry the server has already stored (same clientId) is shown once, as stored.
 */
export function threadItems(
  stored: readonly Message[],
  outbox: readonly OutboxEntry[],
  myId: string,
  partnerId: string,
): ThreadItem[] {
  const items: ThreadItem[] = stored.map((message) => ({
    key: messageKey(message),
    message,
    status: message.senderId === myId && message.kind === 'text' ? deliveryStatus(message) : null,
    pending: null,
  }));
  const storedKeys = new Set(items.map((item) => item.key));
  for (const entry of sortOutbox(outbox)) {
    if (entry.receiverId !== partnerId || entry.senderId !== myId) continue;
    const message = pendingAsMessage(entry);
    const key = messageKey(message);
    if (storedKeys.has(key)) continue;
    items.push({ key, message, status: entry.state === 'failed' ? 'failed' : 'sending', pending: entry });
  }
  return items;
}
