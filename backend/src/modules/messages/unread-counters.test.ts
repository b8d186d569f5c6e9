import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messagingKit } from '../../../test/messaging.js';
import { startTestServer, type TestServer, type TestUser } from '../../../test/test-server.js';
import { ConsultationModel } from '../consultations/consultation.model.js';
import { ConversationModel, MessageModel, pairKeyOf } from './message.model.js';

/*
 * Unread counts live on the conversation row (unread-counters.ts): counted once per stored
 * message, reset by a read receipt, backfilled at start-up for rows from before them. The row's
 * fields are checked as well as the list, since the list alone looked the same when it counted
 * the messages themselves.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

const { clientId, consultedPair, sendText, markRead, unreadInList } = messagingKit(() => server);

async function rowCounters(a: TestUser, b: TestUser) {
  const row = await ConversationModel.findById(pairKeyOf(a.id, b.id)).lean();
  return { unread: row?.unread ?? {}, counted: row?.unreadCounted };
}

describe('unread counters on the conversation row', () => {
  it('counts three sent messages as 3 for the receiver only, and a read up to the newest as 0', async () => {
    const { patient, doctor } = await consultedPair();
    await sendText(doctor, patient, 'one');
    await sendText(doctor, patient, 'two');
    const third = await sendText(doctor, patient, 'three');
    expect((await rowCounters(patient, doctor)).unread).toEqual({ [patient.id]: 3, [doctor.id]: 0 });
    expect(await unreadInList(patient, doctor)).toBe(3);
    expect(await unreadInList(doctor, patient)).toBe(0);

    await markRead(patient, doctor, third.id);
    expect((await rowCounters(patient, doctor)).unread).toEqual({ [patient.id]: 0, [doctor.id]: 0 });
    expect(await unreadInList(patient, doctor)).toBe(0);
  });

  it('counts a retried clientId once, also when the first attempt was stored but not counted', async () => {
    const { patient, doctor } = await consultedPair();
    const id = clientId();
    await sendText(doctor, patient, 'hello', id);
    await Promise.all([sendText(doctor, patient, 'hello', id), sendText(doctor, patient, 'hello', id)]);
    expect((await rowCounters(patient, doctor)).unread[patient.id]).toBe(1);

    // The crash window: a message stored in its place whose count never landed; the outbox retries it.
    const pairKey = pairKeyOf(patient.id, doctor.id);
    const stranded = clientId();
    await MessageModel.create({
      pairKey,
      seq: 2,
      clientId: stranded,
      kind: 'text',
      text: 'stored, not counted',
      senderId: new Types.ObjectId(doctor.id),
      receiverId: new Types.ObjectId(patient.id),
      createdAt: new Date(),
    });
    await sendText(doctor, patient, 'stored, not counted', stranded);
    await sendText(doctor, patient, 'stored, not counted', stranded);
    expect((await rowCounters(patient, doctor)).unread[patient.id]).toBe(2);
    expect(await unreadInList(patient, doctor)).toBe(2);
  });

  it('counts a consultation start (a system entry) as 0, and a read short of the newest leaves what follows', async () => {
    const { patient, doctor } = await consultedPair('waiting');
    const consultation = await ConsultationModel.findOne({ patientId: patient.id }).lean();
    const accepted = await server.request
      .post(`/api/consultations/${consultation!._id.toString()}/accept`)
      .set('Cookie', doctor.cookie);
    expect(accepted.status).toBe(200);
    await expect.poll(() => MessageModel.countDocuments({ pairKey: pairKeyOf(patient.id, doctor.id) })).toBe(1);
    expect((await rowCounters(patient, doctor)).unread).toEqual({ [patient.id]: 0, [doctor.id]: 0 });

    const first = await sendText(doctor, patient, 'first');
    await sendText(doctor, patient, 'second');
    await sendText(patient, doctor, 'a reply');
    await markRead(patient, doctor, first.id);
    expect((await rowCounters(patient, doctor)).unread).toEqual({ [patient.id]: 1, [doctor.id]: 1 });
    expect(await unreadInList(patient, doctor)).toBe(1);
  });
});

describe('rows from before the counters', () => {
  it('are backfilled by the start-up pass, without counting again what was counted live since', async () => {
    const { patient, doctor } = await consultedPair();
    const pairKey = pairKeyOf(patient.id, doctor.id);
    const [p, d] = [new Types.ObjectId(patient.id), new Types.ObjectId(doctor.id)];
    const old = (seq: number, from: Types.ObjectId, to: Types.ObjectId, extra: Record<string, unknown> = {}) => ({
      pairKey,
      seq,
      clientId: `old-${pairKey}-${seq}`,
      kind: 'text' as const,
      text: `old ${seq}`,
      senderId: from,
      receiverId: to,
      createdAt: new Date(),
      readAt: null,
      ...extra,
    });
    const records = await MessageModel.create([
      old(1, d, p),
      old(2, d, p),
      old(3, d, p, { readAt: new Date() }),
      old(4, p, d),
      old(5, d, p, { kind: 'system', readAt: new Date(), text: 'Consultation completed' }),
    ]);
    // The row as the code before the counters wrote it.
    await ConversationModel.create({
      _id: pairKey,
      userIds: [p, d],
      lastSeq: 5,
      lastAt: new Date(),
      lastMessageId: records[4]?._id,
    });
    // One message after the upgrade, before the pass: counted live.
    await sendText(doctor, patient, 'new since the upgrade');

    await server.context.messages.healConversations();
    expect(await rowCounters(patient, doctor)).toEqual({ unread: { [patient.id]: 3, [doctor.id]: 1 }, counted: true });
    expect(await unreadInList(patient, doctor)).toBe(3);
    expect(await unreadInList(doctor, patient)).toBe(1);

    // A second pass leaves a counted row alone.
    await server.context.messages.healConversations();
    expect((await rowCounters(patient, doctor)).unread[patient.id]).toBe(3);
    await markRead(patient, doctor, (await sendText(doctor, patient, 'newest')).id);
    expect(await unreadInList(patient, doctor)).toBe(0);
  });
});
