import type { Message } from '@telehealth/shared';
import { createInMemorySocket, type InMemorySocket } from '../../../lib/use-socket-events.test-support';
import type { MessagePage } from '../api/get-messages';
import type { OutboxEntry } from '../logic/outbox';
import type { OutboxStore } from '../storage/outbox-store';

/** The in-memory socket, plus what the messaging hooks also use: `connected`, `id`, and `emit` (recorded). */
export interface MessagingSocket extends InMemorySocket {
  /** every `emit(event, payload)`, in order */
  emitted: [string, unknown][];
  setConnected(connected: boolean): void;
}

export function createMessagingSocket(): MessagingSocket {
  const server = createInMemorySocket();
  const emitted: [string, unknown][] = [];
  const extra = {
    connected: true,
    id: 'socket-1',
    emit: (event: string, payload: unknown) => void emitted.push([event, payload]),
  };
  Object.assign(server.socket, extra);
  return {
    ...server,
    emitted,
    setConnected: (connected) => void Object.assign(server.socket, { connected }),
  };
}

/** An outbox store in memory that records what was written, for the outbox's tests. */
export function recordingStore(initial: OutboxEntry[] = []): OutboxStore & { entries: Map<string, OutboxEntry> } {
  const entries = new Map(initial.map((entry) => [entry.clientId, entry]));
  return {
    entries,
    all: async () => [...entries.values()].sort((a, b) => a.order - b.order),
    put: async (entry) => void entries.set(entry.clientId, entry),
    remove: async (clientId) => void entries.delete(clientId),
  };
}

/** A queued outbox entry of mine to `receiverId`. */
export function queuedEntry(clientId: string, order: number, overrides: Partial<OutboxEntry> = {}): OutboxEntry {
  return {
    clientId,
    senderId: 'me',
    receiverId: 'partner',
    text: `text ${clientId}`,
    replyTo: null,
    file: null,
    createdAt: new Date(Date.UTC(2025, 0, 1, 12, 0, order)).toISOString(),
    order,
    state: 'queued',
    error: null,
    ...overrides,
  };
}

export const page = (messages: Message[], hasMore = false): MessagePage => ({ messages, hasMore });
