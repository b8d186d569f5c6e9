import type { OutboxEntry } from '../logic/outbox';

/** Where unsent messages wait: survives a reload, a closed tab and a lost connection. */
export interface OutboxStore {
  /** every entry, in creation order */
  all(): Promise<OutboxEntry[]>;
  put(entry: OutboxEntry): Promise<void>;
  remove(clientId: string): Promise<void>;
}

const STORE = 'outbox';
const BY_ORDER = 'by-order';

function request<T>(operation: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    operation.onsuccess = () => resolve(operation.result);
    operation.onerror = () => reject(operation.error ?? new Error('IndexedDB request failed'));
  });
}

function openDatabase(name: string): Promise<IDBDatabase> {
  const opening = indexedDB.open(name, 1);
  opening.onupgradeneeded = () => {
    const store = opening.result.createObjectStore(STORE, { keyPath: 'clientId' });
    store.createIndex(BY_ORDER, 'order');
  };
  return request(opening).then((database) => {
    // Let a deletion (sign-out) or an upgrade in another tab proceed instead of waiting for us.
    database.onversionchange = () => database.close();
    return database;
  });
}

/** Holds entries in memory only: where IndexedDB is missing or refused (some private modes). */
function memoryStore(): OutboxStore {
  const entries = new Map<string, OutboxEntry>();
  return {
    all: async () => [...entries.values()].sort((a, b) => a.order - b.order),
    put: async (entry) => void entries.set(entry.clientId, entry),
    remove: async (clientId) => void entries.delete(clientId),
  };
}

/**
 * The outbox of one user on this device: one database per user, so whoever signs in next on a
 * shared browser never sends (or sees) someone else's queued messages. A single object store
 * keyed by clientId, with an index on the creation order.
 */
const databaseName = (userId: string) => `careline-outbox-${userId}`;

/**
 * Deletes a user's outbox on this device. Called when they sign out on purpose: on a shared clinic
 * computer, unsent health text must not stay behind for the next person. (Anything sendable was
 * already flushed while online; only what could not be sent is dropped.)
 */
export function discardOutbox(userId: string): void {
  if (typeof indexedDB !== 'undefined') indexedDB.deleteDatabase(databaseName(userId));
}

export function openOutboxStore(userId: string): OutboxStore {
  if (typeof indexedDB === 'undefined') return memoryStore();
  const database = openDatabase(databaseName(userId)).catch(() => null);
  const fallback = memoryStore();

  async function inStore<T>(
    mode: IDBTransactionMode,
    operation: (store: IDBObjectStore) => IDBRequest<T>,
  ): Promise<T | undefined> {
    const db = await database;
    if (!db) return undefined;
    const transaction = db.transaction(STORE, mode);
    // Listened to before anything is awaited, so the completion cannot be missed.
    const done = new Promise<void>((resolve, reject) => {
      transaction.oncomplete = () => resolve();
      transaction.onerror = () => reject(transaction.error ?? new Error('IndexedDB transaction failed'));
      transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB transaction aborted'));
    });
    const result = await request(operation(transaction.objectStore(STORE)));
    // A write counts once it is durable, not when the request succeeded.
    if (mode === 'readwrite') await done;
    else done.catch(() => undefined);
    return result;
  }

  return {
    async all() {
      if (!(await database)) return fallback.all();
      return (await inStore('readonly', (store) => store.index(BY_ORDER).getAll() as IDBRequest<OutboxEntry[]>)) ?? [];
    },
    async put(entry) {
      if (!(await database)) return fallback.put(entry);
      await inStore('readwrite', (store) => store.put(entry));
    },
    async remove(clientId) {
      if (!(await database)) return fallback.remove(clientId);
      await inStore('readwrite', (store) => store.delete(clientId));
    },
  };
}
