import type { Message } from '@telehealth/shared';
import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { AppSocket } from '../../../lib/socket';
import type { MessagingApi } from '../api/messaging-api';
import type { Draft } from '../context/message-context';
import { deliverEntry } from '../flows/deliver-entry';
import { createEntryList, type EntryList } from '../flows/entry-list';
import { createOutboxSender } from '../flows/outbox-sender';
import { newClientId } from '../logic/client-id';
import { nextOrder, type OutboxEntry } from '../logic/outbox';
import { pauseEntry } from '../logic/outbox-retry';
import type { OutboxStore } from '../storage/outbox-store';
import { useLatest } from '../../../lib/use-latest';

export interface OutboxOptions {
  myId: string;
  /** this tab's socket: its id tells the server not to echo the message back here */
  socket: AppSocket | null;
  /** where entries wait across reloads (IndexedDB) */
  store: OutboxStore;
  sendMessage: MessagingApi['sendMessage'];
  /** the server stored one of mine */
  onStored: (message: Message) => void;
}

export interface Outbox {
  /** my messages not yet stored by the server, in the order written */
  entries: OutboxEntry[];
  /** upload progress by clientId, 0 to 1 */
  uploadProgress: Record<string, number>;
  /** sends what waits (on a reconnect) */
  flush: () => Promise<void>;
  /** the browser is back online: send now, with the shortest wait after a failure */
  backOnline: () => void;
  send: (partnerId: string, draft: Draft) => Promise<void>;
  retry: (clientId: string) => void;
  discard: (clientId: string) => void;
}

const ignore = () => undefined;
const without = (clientId: string) => (entries: OutboxEntry[]) => entries.filter((entry) => entry.clientId !== clientId);
const replacing = (next: OutboxEntry) => (entries: OutboxEntry[]) =>
  entries.map((entry) => (entry.clientId === next.clientId ? next : entry));

function entryFrom(myId: string, partnerId: string, draft: Draft, queued: readonly OutboxEntry[]): OutboxEntry {
  const now = Date.now();
  const { file } = draft;
  return {
    clientId: newClientId(),
    senderId: myId,
    receiverId: partnerId,
    text: draft.text,
    replyTo: draft.replyTo,
    file: file ? { blob: file, name: file.name, size: file.size, type: file.type } : null,
    instructions: draft.instructions === true,
    createdAt: new Date(now).toISOString(),
    order: nextOrder(queued, now),
    state: 'queued',
    error: null,
  };
}

function useUploadProgress() {
  const [uploadProgress, setUploadProgress] = useState<Record<string, number>>({});
  const report = useCallback((clientId: string, fraction: number | null) => {
    setUploadProgress((progress) => {
      if (fraction !== null) return { ...progress, [clientId]: fraction };
      if (!(clientId in progress)) return progress;
      const { [clientId]: _done, ...rest } = progress;
      return rest;
    });
  }, []);
  return { uploadProgress, report };
}

/** The sender, made once: its steps read the latest options (socket, callbacks) when they run. */
function useSender(
  latest: { readonly current: OutboxOptions },
  store: OutboxStore,
  list: EntryList,
  report: (clientId: string, fraction: number | null) => void,
) {
  const { change } = list;
  const [sender] = useState(() =>
    createOutboxSender({
      entries: list.get,
      deliver: (entry) =>
        deliverEntry(entry, {
          send: (sending, onProgress) => {
            const { clientId, text, replyTo, file } = sending;
            const input = {
              clientId,
              text,
              replyTo: replyTo?.id ?? null,
              file: file ? { blob: file.blob, name: file.name } : null,
              instructions: sending.instructions === true,
            };
            return latest.current.sendMessage(sending.receiverId, input, { socketId: latest.current.socket?.id, onProgress });
          },
          stored: async (sent, message) => {
            latest.current.onStored(message);
            change(without(sent.clientId));
            await store.remove(sent.clientId).catch(ignore);
          },
          refused: async (failed) => {
            change(replacing(failed));
            await store.put(failed).catch(ignore);
          },
          progress: report,
        }),
      pause: (clientId, pausedUntil) =>
        change((all) => all.map((entry) => (entry.clientId === clientId ? pauseEntry(entry, pausedUntil) : entry))),
    }),
  );

  return sender;
}

/**
 * The outbox: what I wrote, shown at once, kept in `store` until the server has it, sent in order
 * by `createOutboxSender` (now, or when the network is back), failed entries held for Retry.
 */
export function useOutbox(options: OutboxOptions): Outbox {
  const { myId, store } = options;
  const latest = useLatest(options);
  const [list] = useState(createEntryList);
  const entries = useSyncExternalStore(list.subscribe, list.get);
  const { change } = list;
  const { uploadProgress, report } = useUploadProgress();
  const sender = useSender(latest, store, list, report);

  // Whatever the outbox kept from before a reload goes out first.
  useEffect(() => {
    let cancelled = false;
    void store.all().then((stored) => {
      if (cancelled || stored.length === 0) return;
      change((current) => {
        const known = new Set(current.map((entry) => entry.clientId));
        return [...stored.filter((entry) => !known.has(entry.clientId)), ...current];
      });
      void sender.flush();
    });
    return () => {
      cancelled = true;
    };
  }, [store, sender, change]);
  useEffect(() => () => sender.stop(), [sender]);

  const actions = useMemo(
    () => ({
      flush: sender.flush,
      backOnline() {
        sender.resetBackoff();
        void sender.flush();
      },
      async send(partnerId: string, draft: Draft) {
        const entry = entryFrom(myId, partnerId, draft, list.get());
        change((current) => [...current, entry]);
        // Kept before sending: if the tab closes mid-way, the message is still here next time.
        await store.put(entry).catch(ignore);
        void sender.flush();
      },
      retry(clientId: string) {
        const entry = list.get().find((candidate) => candidate.clientId === clientId);
        if (!entry) return;
        const { retryable: _refusal, ...rest } = entry;
        const queued: OutboxEntry = { ...rest, state: 'queued', error: null };
        change(replacing(queued));
        sender.resetBackoff();
        void store
          .put(queued)
          .catch(ignore)
          .then(() => sender.flush());
      },
      discard(clientId: string) {
        change(without(clientId));
        void store.remove(clientId).catch(ignore);
      },
    }),
    [myId, store, sender, list, change],
  );
  return { entries, uploadProgress, ...actions };
}
