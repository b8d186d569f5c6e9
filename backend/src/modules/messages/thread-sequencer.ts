import { isDuplicateKey } from '../../db/duplicate-key.js';
import { createIdLoader } from '../../lib/batch-loader.js';
import { ConversationModel, type MessageRecord } from './message.model.js';
import { endOfThread, lastPlaceFromMessages } from './thread-pages.js';

const MAX_PLACEMENT_ATTEMPTS = 50;
const MAX_REMEMBERED_THREADS = 10_000;

/**
 * Gives each new message the next place (`seq`) in its thread, so that the order in which
 * messages become visible is their order in the thread.
 *
 * Why not the ObjectId or createdAt: both are fixed before the insert, and two instances (or two
 * requests) can commit out of that order. A client that caught up to message 6 would then never see
 * message 5 committed a moment later. Here message N is inserted only once N-1 is stored: the
 * unique index on `{pairKey, seq}` refuses a second N, and the loser reads where the thread
 * ends now and tries again. There are no transactions to lean on (FerretDB), and none are needed.
 *
 * Inside one process, sends to the same thread wait in line, so they never collide with each
 * other, and the last place is remembered, so the database is asked only after a collision (a
 * send through another instance) or the first time a thread is seen.
 */
export function createThreadSequencer() {
  const lastPlace = new Map<string, number>();
  const queues = new Map<string, Promise<unknown>>();

  function inLine<T>(pairKey: string, task: () => Promise<T>): Promise<T> {
    const run = (queues.get(pairKey) ?? Promise.resolve()).then(task, task);
    const tail = run.then(
      () => undefined,
      () => undefined,
    );
    queues.set(pairKey, tail);
    void tail.then(() => {
      if (queues.get(pairKey) === tail) queues.delete(pairKey);
    });
    return run;
  }

  // After a collision: where the thread ends, by its rows (`_id` reads); should they not tell
  // (a page entry not yet written by another instance), from the third attempt on, by its messages.
  const lastStoredPlace = (pairKey: string, attempt: number) =>
    attempt < 3 ? endOfThread(pairKey) : lastPlaceFromMessages(pairKey);

  // The first send to a thread this process has not seen starts from the conversation row's
  // `lastSeq` (read by `_id`) instead of sorting the thread's messages (a scan of
  // every message on FerretDB). The row is written after its message, so it is never ahead; if it
  // is behind (a crash between the two writes, another instance) the insert collides on
  // {pairKey, seq} and the next attempt asks the page rows (then, failing those, the messages).
  const conversationEnds = createIdLoader<string, number>(
    async (pairKey) => (await ConversationModel.findById(pairKey, { lastSeq: 1 }).lean())?.lastSeq,
  );
  const likelyLastPlace = async (pairKey: string) => (await conversationEnds.load(pairKey)) ?? 0;

  return {
    /**
     * Inserts with the next place in the thread. A duplicate-key error is either a retry of the same
     * message (same sender and clientId: `findExisting` finds it, and it is answered as is) or
     * another instance having taken this place (read the end of the thread again and retry).
     */
    place(
      pairKey: string,
      insert: (seq: number) => Promise<MessageRecord>,
      findExisting: () => Promise<MessageRecord | null>,
    ): Promise<{ record: MessageRecord; created: boolean }> {
      return inLine(pairKey, async () => {
        for (let attempt = 0; attempt < MAX_PLACEMENT_ATTEMPTS; attempt += 1) {
          const seq =
            (lastPlace.get(pairKey) ?? (await (attempt === 0 ? likelyLastPlace(pairKey) : lastStoredPlace(pairKey, attempt)))) +
            1;
          try {
            const record = await insert(seq);
            if (lastPlace.size >= MAX_REMEMBERED_THREADS) lastPlace.clear();
            lastPlace.set(pairKey, seq);
            return { record, created: true };
          } catch (error) {
            if (!isDuplicateKey(error)) throw error;
            const existing = await findExisting();
            if (existing) return { record: existing, created: false };
            lastPlace.delete(pairKey);
          }
        }
        throw new Error(`no free place in thread ${pairKey} after ${MAX_PLACEMENT_ATTEMPTS} attempts`);
      });
    },
  };
}
