import type { Message } from '@telehealth/shared';
import mongoose, { Types } from 'mongoose';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { messagingKit } from '../../../test/messaging.js';
import { startTestServer, type TestServer } from '../../../test/test-server.js';
import { ConversationModel, MessageModel, pairKeyOf } from './message.model.js';
import { PAGE_SIZE, pageRange, ThreadPageModel } from './thread-pages.js';

/*
 * The thread's page rows (thread-pages.ts) and read marks (read-marks.ts): the hot paths ask the
 * messages only by `_id`, which is what keeps them flat as the database grows on FerretDB. The
 * queries are watched through mongoose's own debug hook (every collection call, as sent), on the
 * real database: nothing is mocked.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  // The start-up pass, finished: the conversation lists are complete from here on (member-conversations.ts).
  await server.context.messages.healConversations();
});
afterAll(async () => {
  await server?.stop();
});

const kit = messagingKit(() => server);

/** Every filter sent to the messages and conversations collections while `work` runs. */
async function messageFilters(work: () => Promise<unknown>): Promise<Record<string, unknown>[]> {
  const filters: Record<string, unknown>[] = [];
  mongoose.set('debug', (collection: string, _method: string, filter: unknown) => {
    if (collection === 'messages' || collection === 'conversations')
      filters.push({ collection, ...((filter ?? {}) as Record<string, unknown>) });
  });
  try {
    await work();
  } finally {
    mongoose.set('debug', false);
  }
  return filters;
}
afterEach(() => {
  mongoose.set('debug', false);
});

const onlyById = (filters: Record<string, unknown>[]) => filters.filter((filter) => !('_id' in filter));

describe('which places a page spans (pageRange)', () => {
  it('reads back from the end or from `before`, forward from `after`, and says whether more is there', () => {
    expect(pageRange({ end: 0, limit: 50 })).toEqual({ from: 1, to: 0, hasMore: false });
    expect(pageRange({ end: 120, limit: 50 })).toEqual({ from: 71, to: 120, hasMore: true });
    expect(pageRange({ end: 50, limit: 50 })).toEqual({ from: 1, to: 50, hasMore: false });
    expect(pageRange({ end: 0, before: 71, limit: 50 })).toEqual({ from: 21, to: 70, hasMore: true });
    expect(pageRange({ end: 0, before: 30, limit: 50 })).toEqual({ from: 1, to: 29, hasMore: false });
    expect(pageRange({ end: 120, after: 100, limit: 50 })).toEqual({ from: 101, to: 120, hasMore: false });
    expect(pageRange({ end: 120, after: 10, limit: 50 })).toEqual({ from: 11, to: 60, hasMore: true });
    expect(pageRange({ end: 120, after: 10, before: 40, limit: 50 })).toEqual({ from: 11, to: 39, hasMore: false });
  });
});

describe('the hot paths ask the messages only by _id', () => {
  it('the newest page, an older page, a catch-up, a read receipt and the conversation list', async () => {
    const { patient, doctor } = await kit.consultedPair();
    const sent: Message[] = [];
    for (let index = 0; index < PAGE_SIZE + 12; index += 1)
      sent.push(await kit.sendText(index % 3 ? doctor : patient, index % 3 ? patient : doctor, `message ${index}`));
    const texts = sent.map((message) => message.text);

    let newest = { messages: [] as { id: string; text: string }[], hasMore: false };
    const filters = await messageFilters(async () => {
      newest = await kit.page(patient, doctor, { limit: 20 });
      const older = await kit.page(patient, doctor, { limit: 30, before: newest.messages[0]!.id });
      expect(older.messages.map((message) => message.text)).toEqual(texts.slice(-50, -20));
      expect(older.hasMore).toBe(true);
      const caughtUp = await kit.page(patient, doctor, { after: sent[30]!.id });
      expect(caughtUp.messages.map((message) => message.text)).toEqual(texts.slice(31));
      expect(caughtUp.hasMore).toBe(false);
      await kit.markRead(patient, doctor, sent.at(-1)!.id);
      expect(await kit.unreadInList(patient, doctor)).toBe(0);
    });
    expect(newest.messages.map((message) => message.text)).toEqual(texts.slice(-20));
    expect(newest.hasMore).toBe(true);
    expect(filters.length).toBeGreaterThan(0);
    expect(onlyById(filters)).toEqual([]);
  });

  it('a read receipt marks only what the partner sent since the reader last read, each message once', async () => {
    const { patient, doctor } = await kit.consultedPair();
    const first = await kit.sendText(doctor, patient, 'one');
    await kit.markRead(patient, doctor, first.id);
    const mine = await kit.sendText(patient, doctor, 'mine');
    const two = await kit.sendText(doctor, patient, 'two');
    const three = await kit.sendText(doctor, patient, 'three');
    // Two tabs send the same receipt at once: the count drops once per message.
    await Promise.all([kit.markRead(patient, doctor, three.id), kit.markRead(patient, doctor, three.id)]);
    const read = await MessageModel.find({ _id: mongoose.trusted({ $in: [first.id, mine.id, two.id, three.id] }) }).lean();
    const readAt = new Map(read.map((record) => [record._id.toString(), record.readAt]));
    expect(readAt.get(mine.id)).toBeNull();
    expect(readAt.get(two.id)).toBeInstanceOf(Date);
    expect(readAt.get(three.id)).toBeInstanceOf(Date);
    const row = await ConversationModel.findById(pairKeyOf(patient.id, doctor.id)).lean();
    expect(row?.readThrough?.[patient.id]).toBe(4);
    expect(row?.unread).toEqual({ [patient.id]: 0, [doctor.id]: 1 });
  });
});

/** Every write (insert, update) sent to the thread's collections while `work` runs, as `collection.method`. */
async function threadWrites(work: () => Promise<unknown>): Promise<string[]> {
  const writes: string[] = [];
  mongoose.set('debug', (collection: string, method: string) => {
    const thread = ['messages', 'conversations', 'threadpages'].includes(collection);
    if (thread && /^(insert|update|replace|bulkWrite|findOneAndUpdate)/.test(method)) writes.push(`${collection}.${method}`);
  });
  try {
    await work();
    // Anything a send leaves to be written behind it would land in this moment too.
    await new Promise((resolve) => setTimeout(resolve, 100));
  } finally {
    mongoose.set('debug', false);
  }
  return writes;
}

describe('what a new message writes', () => {
  it('one update of its conversation row besides its insert, its place moving to a page row when the next page begins', async () => {
    const { patient, doctor } = await kit.consultedPair();
    const pairKey = pairKeyOf(patient.id, doctor.id);
    for (let index = 0; index < PAGE_SIZE - 1; index += 1) await kit.sendText(doctor, patient, `message ${index + 1}`);
    // FerretDB serialises writes, so each one here is waited for by every send in the clinic.
    expect(await threadWrites(() => kit.sendText(patient, doctor, 'mid-page'))).toEqual([
      'messages.insertOne',
      'conversations.updateOne',
    ]);
    const beforeNextPage = await ConversationModel.findById(pairKey).lean();
    expect(beforeNextPage?.tail?.map((entry) => entry.s)).toEqual(Array.from({ length: PAGE_SIZE }, (_, index) => index + 1));
    expect(await ThreadPageModel.findById(`${pairKey}/0`).lean()).toBeNull();

    await kit.sendText(doctor, patient, 'opens page 2');
    const row = await ConversationModel.findById(pairKey).lean();
    expect(row?.tail?.map((entry) => entry.s)).toEqual([PAGE_SIZE + 1]);
    expect(row).toMatchObject({ lastSeq: PAGE_SIZE + 1, unread: { [patient.id]: PAGE_SIZE, [doctor.id]: 1 } });
    const firstPage = await ThreadPageModel.findById(`${pairKey}/0`).lean();
    expect(firstPage?.entries.map((entry) => entry.s).sort((a, b) => a - b)).toEqual(
      Array.from({ length: PAGE_SIZE }, (_, index) => index + 1),
    );
    // Read across the two: the page row's places and the tail's.
    const texts = (await kit.page(patient, doctor, { limit: 3 })).messages.map((message) => message.text);
    expect(texts).toEqual([`message ${PAGE_SIZE - 1}`, 'mid-page', 'opens page 2']);
  });
});

describe('when a place has no entry yet', () => {
  it('a message stored without its entry (another instance, a crash) is still read, in order, and gets it', async () => {
    const { patient, doctor } = await kit.consultedPair();
    await kit.sendText(doctor, patient, 'one');
    await kit.sendText(doctor, patient, 'two');
    const pairKey = pairKeyOf(patient.id, doctor.id);
    // Place 3 as another instance would store it, its entry not written yet.
    await MessageModel.create({
      pairKey,
      seq: 3,
      clientId: kit.clientId(),
      kind: 'text',
      text: 'three, entry missing',
      senderId: new Types.ObjectId(doctor.id),
      receiverId: new Types.ObjectId(patient.id),
      createdAt: new Date(),
    });
    await kit.sendText(doctor, patient, 'four');
    const texts = (await kit.page(patient, doctor)).messages.map((message) => message.text);
    expect(texts).toEqual(['one', 'two', 'three, entry missing', 'four']);
    const page = await ThreadPageModel.findById(`${pairKey}/0`).lean();
    expect(page?.entries.map((entry) => entry.s).sort()).toEqual([1, 2, 3, 4]);
  });
});

describe('threads from before the page rows and read marks', () => {
  it('are read the old way until the start-up pass gives them rows, then by _id', async () => {
    const { patient, doctor } = await kit.consultedPair();
    const pairKey = pairKeyOf(patient.id, doctor.id);
    const [p, d] = [new Types.ObjectId(patient.id), new Types.ObjectId(doctor.id)];
    const records = await MessageModel.create(
      Array.from({ length: 60 }, (_, index) => ({
        pairKey,
        seq: index + 1,
        clientId: `before-pages-${pairKey}-${index}`,
        kind: 'text' as const,
        text: `old ${index + 1}`,
        senderId: index % 2 ? p : d,
        receiverId: index % 2 ? d : p,
        createdAt: new Date(),
        readAt: index < 40 ? new Date() : null,
      })),
    );
    // The row as the code before the counters and pages wrote it.
    await ConversationModel.create({
      _id: pairKey,
      userIds: [p, d],
      lastSeq: 60,
      lastAt: new Date(),
      lastMessageId: records[59]?._id,
    });

    const before = await kit.page(patient, doctor, { limit: 10 });
    expect(before.messages.map((message) => message.text)).toEqual(records.slice(50).map((record) => record.text));

    await server.context.messages.healConversations();
    const row = await ConversationModel.findById(pairKey).lean();
    expect(row).toMatchObject({
      paged: true,
      listed: true,
      unreadCounted: true,
      readThrough: { [patient.id]: 39, [doctor.id]: 40 },
    });
    expect(await ThreadPageModel.countDocuments({ _id: mongoose.trusted({ $in: [`${pairKey}/0`, `${pairKey}/1`] }) })).toBe(2);
    const filters = await messageFilters(async () => {
      const after = await kit.page(patient, doctor, { limit: 30 });
      expect(after.messages.map((message) => message.text)).toEqual(records.slice(30).map((record) => record.text));
      await kit.markRead(patient, doctor, after.messages.at(-1)!.id);
    });
    expect(onlyById(filters)).toEqual([]);
    expect(await kit.unreadInList(patient, doctor)).toBe(0);
    expect(await MessageModel.countDocuments({ pairKey, receiverId: p, readAt: null })).toBe(0);
  });
});
