import { EDIT_WINDOW_MS, type Message } from '@telehealth/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeClock, nextEvent, startTestServer, type TestServer, type TestUser } from '../../../test/test-server.js';
import { collect, drained } from '../../../test/socket-events.js';
import { ConsultationModel } from '../consultations/consultation.model.js';
import { ConversationModel, MessageModel, pairKeyOf } from './message.model.js';

const clock = fakeClock();
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({}, { clock });
});
afterAll(async () => {
  await server?.stop();
});

let sequence = 0;
const clientId = () => `client-${Date.now().toString(36)}-${(sequence += 1)}`;

/** A patient and a doctor with an active consultation together: they may message each other. */
async function consultedPair(): Promise<{ patient: TestUser; doctor: TestUser }> {
  const patient = await server.createUser('patient');
  const doctor = await server.createUser('doctor');
  const now = new Date(clock.now());
  await ConsultationModel.create({
    patientId: patient.id,
    doctorId: doctor.id,
    reason: 'a persistent cough',
    urgency: 'routine',
    urgencyRank: 1,
    status: 'active',
    createdAt: now,
    acceptedAt: now,
  });
  return { patient, doctor };
}

function send(from: TestUser, to: TestUser, body: Record<string, unknown>, socketId?: string) {
  const request = server.request.post(`/api/messages/${to.id}`).set('Cookie', from.cookie);
  if (socketId) request.set('X-Socket-Id', socketId);
  return request.send(body);
}

async function sendText(from: TestUser, to: TestUser, text: string): Promise<Message> {
  const response = await send(from, to, { text, clientId: clientId() });
  expect(response.status).toBe(201);
  return response.body.message as Message;
}

/** The whole thread as `user` sees it, paging back with `before`. */
async function fullHistory(user: TestUser, partner: TestUser): Promise<Message[]> {
  const all: Message[] = [];
  let before: string | undefined;
  for (;;) {
    const response = await server.request
      .get(`/api/messages/${partner.id}`)
      .query({ limit: 100, ...(before ? { before } : {}) })
      .set('Cookie', user.cookie);
    expect(response.status).toBe(200);
    all.unshift(...(response.body.messages as Message[]));
    if (!response.body.hasMore) return all;
    before = all[0]!.id;
  }
}

describe('a call leaves its trace in the thread (for modules/calls)', () => {
  it('stores one call message per call id, announced to both people', async () => {
    const { patient, doctor } = await consultedPair();
    const patientSocket = await server.connect(patient.cookie);
    const doctorSocket = await server.connect(doctor.cookie);
    const patientHears = nextEvent(patientSocket, 'newMessage');
    const doctorHears = nextEvent(doctorSocket, 'newMessage');

    const input = {
      callId: 'call-abc-12345',
      callerId: doctor.id,
      calleeId: patient.id,
      outcome: 'completed' as const,
      durationSeconds: 61.4,
    };
    const message = await server.context.messages.recordCall(input);
    expect(message).toMatchObject({
      kind: 'call',
      senderId: doctor.id,
      receiverId: patient.id,
      text: '',
      call: { outcome: 'completed', durationSeconds: 61 },
    });
    expect(await patientHears).toEqual(message);
    expect(await doctorHears).toEqual(message);

    const again = await server.context.messages.recordCall(input);
    expect(again.id).toBe(message.id);
    expect(await MessageModel.countDocuments({ clientId: 'call-call-abc-12345' })).toBe(1);
    expect((await fullHistory(patient, doctor)).map((item) => item.id)).toEqual([message.id]);
  });
});

describe('REST-then-emit delivery', () => {
  it("gives the receiver's tabs and the sender's other tabs the very message the HTTP answer carries, and nobody else", async () => {
    const { patient, doctor } = await consultedPair();
    const stranger = await server.createUser('doctor');
    const receiver = await server.connect(patient.cookie);
    const sendingTab = await server.connect(doctor.cookie);
    const otherTab = await server.connect(doctor.cookie);
    const strangerSocket = await server.connect(stranger.cookie);
    const sendingTabHeard = collect(sendingTab, 'newMessage');
    const strangerHeard = collect(strangerSocket, 'newMessage');
    const receiverHears = nextEvent(receiver, 'newMessage');
    const otherTabHears = nextEvent(otherTab, 'newMessage');

    const response = await send(doctor, patient, { text: 'How is the cough today?', clientId: clientId() }, sendingTab.id);
    expect(response.status).toBe(201);
    const message = response.body.message as Message;
    expect(message).toMatchObject({
      kind: 'text',
      senderId: doctor.id,
      receiverId: patient.id,
      text: 'How is the cough today?',
      deleted: false,
      readAt: null,
      editedAt: null,
      replyTo: null,
      attachment: null,
      reactions: [],
    });
    expect(await receiverHears).toEqual(message);
    expect(await otherTabHears).toEqual(message);
    await Promise.all([drained(sendingTab), drained(strangerSocket)]);
    expect(sendingTabHeard).toEqual([]);
    expect(strangerHeard).toEqual([]);
  });

  it('without X-Socket-Id, every tab of the sender hears it (the client dedupes by id)', async () => {
    const { patient, doctor } = await consultedPair();
    const tab = await server.connect(patient.cookie);
    const hears = nextEvent(tab, 'newMessage');
    const message = await sendText(patient, doctor, 'Better, thank you');
    expect(await hears).toEqual(message);
  });

  it('the same clientId sent five times at once is stored once, and all five answers are the same message', async () => {
    const { patient, doctor } = await consultedPair();
    const body = { text: 'only once, please', clientId: clientId() };
    const answers = await Promise.all(Array.from({ length: 5 }, () => send(patient, doctor, body)));
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 200, 200, 200, 201]);
    for (const answer of answers) expect(answer.body).toEqual(answers[0]!.body);
    expect(await MessageModel.countDocuments({ clientId: body.clientId })).toBe(1);
    expect(await fullHistory(doctor, patient)).toHaveLength(1);
  });

  it('both sides sending 100 messages at once end with the same complete history, in the same order', async () => {
    const { patient, doctor } = await consultedPair();
    const sends = [
      ...Array.from({ length: 100 }, (_, index) => send(patient, doctor, { text: `patient ${index}`, clientId: clientId() })),
      ...Array.from({ length: 100 }, (_, index) => send(doctor, patient, { text: `doctor ${index}`, clientId: clientId() })),
    ];
    const answers = await Promise.all(sends);
    expect(answers.every((answer) => answer.status === 201)).toBe(true);

    const seenByPatient = await fullHistory(patient, doctor);
    const seenByDoctor = await fullHistory(doctor, patient);
    expect(seenByPatient).toHaveLength(200);
    expect(seenByDoctor.map((message) => message.id)).toEqual(seenByPatient.map((message) => message.id));
    expect(new Set(seenByPatient.map((message) => message.id)).size).toBe(200);
    expect(new Set(seenByPatient.map((message) => message.id))).toEqual(new Set(answers.map((answer) => answer.body.message.id)));
    // Each side's own messages keep the order in which each was acknowledged relative to its own.
    const patientTexts = seenByPatient.filter((message) => message.senderId === patient.id).map((message) => message.text);
    expect(patientTexts).toHaveLength(100);
  }, 60_000);

  it('a receiver that was away catches up with `after`: exactly the messages it missed, in order, once', async () => {
    const { patient, doctor } = await consultedPair();
    const lastSeen = await sendText(doctor, patient, 'before the tunnel');
    const socket = await server.connect(patient.cookie);
    socket.disconnect();

    const missed: Message[] = [];
    for (let index = 0; index < 20; index += 1) missed.push(await sendText(doctor, patient, `missed ${index}`));

    const back = await server.connect(patient.cookie);
    const caughtUp = await server.request
      .get(`/api/messages/${doctor.id}`)
      .query({ after: lastSeen.id })
      .set('Cookie', patient.cookie);
    expect(caughtUp.status).toBe(200);
    expect(caughtUp.body.hasMore).toBe(false);
    expect(caughtUp.body.messages).toEqual(missed);
    back.disconnect();

    const paged = await server.request
      .get(`/api/messages/${doctor.id}`)
      .query({ after: lastSeen.id, limit: 15 })
      .set('Cookie', patient.cookie);
    expect(paged.body.hasMore).toBe(true);
    expect(paged.body.messages).toEqual(missed.slice(0, 15));
  });
});

describe('many conversations at once', () => {
  it('messages sent to 12 receivers at once, in several waves, each arrive exactly once, and every conversation row catches up', async () => {
    const doctor = await server.createUser('doctor');
    const patients: TestUser[] = [];
    for (let index = 0; index < 12; index += 1) {
      const patient = await server.createUser('patient');
      const now = new Date(clock.now());
      await ConsultationModel.create({
        patientId: patient.id,
        doctorId: doctor.id,
        reason: 'follow-up',
        urgency: 'routine',
        urgencyRank: 1,
        status: 'completed',
        createdAt: now,
        acceptedAt: now,
        completedAt: now,
      });
      patients.push(patient);
    }
    const heard = new Map<string, string[]>(patients.map((patient) => [patient.id, []]));
    await Promise.all(
      patients.map(async (patient) => {
        const socket = await server.connect(patient.cookie);
        socket.on('newMessage', (message) => heard.get(patient.id)!.push(message.id));
      }),
    );
    const sent: Message[] = [];
    for (let wave = 0; wave < 5; wave += 1) {
      sent.push(...(await Promise.all(patients.map((patient, index) => sendText(doctor, patient, `wave ${wave} to ${index}`)))));
    }
    await expect.poll(() => [...heard.values()].reduce((sum, ids) => sum + ids.length, 0), { timeout: 5_000 }).toBe(sent.length);
    for (const patient of patients) {
      const expected = sent.filter((message) => message.receiverId === patient.id).map((message) => message.id);
      expect(heard.get(patient.id)).toEqual(expected);
    }
    // Rows are written behind; listing waits for the viewer's own, so it shows every last message.
    const list = await server.request.get('/api/messages/conversations').set('Cookie', doctor.cookie);
    expect(list.status).toBe(200);
    for (const patient of patients) {
      const conversation = (list.body.conversations as { user: { id: string }; lastMessage: Message | null }[]).find(
        (row) => row.user.id === patient.id,
      );
      expect(conversation?.lastMessage?.text).toBe(`wave 4 to ${patients.indexOf(patient)}`);
    }
  });

  it('a conversation row that does not name its last message (written before rows did) still lists it', async () => {
    const { patient, doctor } = await consultedPair();
    await sendText(doctor, patient, 'first');
    const last = await sendText(patient, doctor, 'the latest one');
    await server.request.get('/api/messages/conversations').set('Cookie', doctor.cookie).expect(200);
    await ConversationModel.updateOne({ _id: pairKeyOf(patient.id, doctor.id) }, { $unset: { lastMessageId: 1 } });
    expect((await ConversationModel.findById(pairKeyOf(patient.id, doctor.id)).lean())?.lastMessageId).toBeUndefined();
    const list = await server.request.get('/api/messages/conversations').set('Cookie', doctor.cookie);
    const conversation = (list.body.conversations as { user: { id: string }; lastMessage: Message | null }[]).find(
      (row) => row.user.id === patient.id,
    );
    expect(conversation?.lastMessage).toMatchObject({ id: last.id, text: 'the latest one' });
  });
});

describe('who may read and write a conversation', () => {
  it('an outsider learns nothing through any message endpoint, and an admin cannot read or send', async () => {
    const { patient, doctor } = await consultedPair();
    const message = await sendText(patient, doctor, 'my private symptoms');
    const otherPatient = await server.createUser('patient');
    const otherDoctor = await server.createUser('doctor');
    const admin = await server.createUser('admin');

    const attempts = (user: TestUser) => [
      server.request.get(`/api/messages/${patient.id}`).set('Cookie', user.cookie),
      server.request.get(`/api/messages/${doctor.id}`).query({ after: message.id }).set('Cookie', user.cookie),
      server.request.get(`/api/messages/${doctor.id}`).query({ before: message.id }).set('Cookie', user.cookie),
      server.request.patch(`/api/messages/${message.id}`).set('Cookie', user.cookie).send({ text: 'changed' }),
      server.request.delete(`/api/messages/${message.id}`).set('Cookie', user.cookie),
      server.request.post(`/api/messages/${message.id}/reactions`).set('Cookie', user.cookie).send({ emoji: '👍' }),
      server.request.post(`/api/messages/${doctor.id}/read`).set('Cookie', user.cookie).send({ upTo: message.id }),
      server.request.post(`/api/messages/${patient.id}/read`).set('Cookie', user.cookie).send({ upTo: message.id }),
      server.request
        .post(`/api/messages/${message.id}`)
        .set('Cookie', user.cookie)
        .send({ text: 'hi', clientId: clientId(), replyTo: message.id }),
      server.request
        .post(`/api/messages/${doctor.id}`)
        .set('Cookie', user.cookie)
        .send({ text: 'hi', clientId: clientId(), replyTo: message.id }),
    ];
    for (const user of [otherPatient, otherDoctor, admin]) {
      for (const response of await Promise.all(attempts(user))) {
        expect([403, 404]).toContain(response.status);
        expect(JSON.stringify(response.body)).not.toContain('private symptoms');
      }
      const list = await server.request.get('/api/messages/conversations').set('Cookie', user.cookie);
      expect(JSON.stringify(list.body)).not.toContain('private symptoms');
    }
    expect((await server.request.get('/api/messages/conversations').set('Cookie', admin.cookie)).status).toBe(403);
    expect((await server.request.get(`/api/messages/${patient.id}`).set('Cookie', admin.cookie)).status).toBe(403);
    expect((await server.request.get('/api/messages/conversations')).status).toBe(401);
    // Nothing an outsider tried changed the message.
    expect(
      (await fullHistory(patient, doctor)).map(({ text, reactions, deleted, readAt }) => ({ text, reactions, deleted, readAt })),
    ).toEqual([{ text: 'my private symptoms', reactions: [], deleted: false, readAt: null }]);
  });

  it('a patient may not message a doctor who never took them on, nor another patient; doctors may message doctors', async () => {
    const patient = await server.createUser('patient');
    const doctor = await server.createUser('doctor');
    const colleague = await server.createUser('doctor');
    const otherPatient = await server.createUser('patient');
    expect((await send(patient, doctor, { text: 'hello?', clientId: clientId() })).status).toBe(403);
    expect((await send(doctor, patient, { text: 'hello?', clientId: clientId() })).status).toBe(403);
    expect((await send(patient, otherPatient, { text: 'hello?', clientId: clientId() })).status).toBe(403);
    expect((await send(patient, patient, { text: 'me', clientId: clientId() })).status).toBe(403);
    expect((await send(doctor, colleague, { text: 'a second opinion?', clientId: clientId() })).status).toBe(201);
  });

  it('refuses an empty message, unknown fields and a bad clientId', async () => {
    const { patient, doctor } = await consultedPair();
    expect((await send(patient, doctor, { text: '   ', clientId: clientId() })).status).toBe(400);
    expect((await send(patient, doctor, { text: 'x', clientId: clientId(), senderId: doctor.id })).status).toBe(400);
    expect((await send(patient, doctor, { text: 'x', clientId: { $gt: '' } })).status).toBe(400);
    expect((await send(patient, doctor, { text: 'x' })).status).toBe(400);
  });
});

describe('changing a message', () => {
  it('its sender edits it within the edit window, not after, and nobody else can', async () => {
    const { patient, doctor } = await consultedPair();
    const message = await sendText(patient, doctor, 'I took two tablest');
    const doctorSocket = await server.connect(doctor.cookie);
    const updateHeard = nextEvent(doctorSocket, 'messageUpdated');

    const edited = await server.request
      .patch(`/api/messages/${message.id}`)
      .set('Cookie', patient.cookie)
      .send({ text: 'I took two tablets' });
    expect(edited.status).toBe(200);
    expect(edited.body.message).toMatchObject({ id: message.id, text: 'I took two tablets', editedAt: expect.any(String) });
    expect(await updateHeard).toEqual(edited.body.message);

    expect(
      (await server.request.patch(`/api/messages/${message.id}`).set('Cookie', doctor.cookie).send({ text: 'no' })).status,
    ).toBe(403);
    clock.advance(EDIT_WINDOW_MS + 1_000);
    const late = await server.request
      .patch(`/api/messages/${message.id}`)
      .set('Cookie', patient.cookie)
      .send({ text: 'too late' });
    expect(late.status).toBe(409);
  });

  it('a deleted message keeps its place as a tombstone, cannot be edited, and replies to it show it was deleted', async () => {
    const { patient, doctor } = await consultedPair();
    const original = await sendText(doctor, patient, 'Take 400 mg ibuprofen');
    await server.request.post(`/api/messages/${original.id}/reactions`).set('Cookie', patient.cookie).send({ emoji: '👍' });
    const replyResponse = await send(patient, doctor, { text: 'Three times a day?', replyTo: original.id, clientId: clientId() });
    expect(replyResponse.status).toBe(201);
    expect(replyResponse.body.message.replyTo).toEqual({
      id: original.id,
      senderId: doctor.id,
      text: 'Take 400 mg ibuprofen',
      deleted: false,
    });
    const patientSocket = await server.connect(patient.cookie);
    const updateHeard = nextEvent(patientSocket, 'messageUpdated');

    expect((await server.request.delete(`/api/messages/${original.id}`).set('Cookie', patient.cookie)).status).toBe(403);
    const deleted = await server.request.delete(`/api/messages/${original.id}`).set('Cookie', doctor.cookie);
    expect(deleted.status).toBe(200);
    expect(deleted.body.message).toMatchObject({ id: original.id, text: '', attachment: null, reactions: [], deleted: true });
    expect(await updateHeard).toEqual(deleted.body.message);

    const thread = await fullHistory(patient, doctor);
    expect(thread.map((message) => message.id)).toEqual([original.id, replyResponse.body.message.id]);
    expect(thread[1]!.replyTo).toEqual({ id: original.id, senderId: doctor.id, text: '', deleted: true });
    expect(JSON.stringify(thread)).not.toContain('ibuprofen');
    expect(
      (await server.request.patch(`/api/messages/${original.id}`).set('Cookie', doctor.cookie).send({ text: 'again' })).status,
    ).toBe(409);
    expect(
      (await server.request.post(`/api/messages/${original.id}/reactions`).set('Cookie', patient.cookie).send({ emoji: '👍' }))
        .status,
    ).toBe(409);
  });

  it('reactions toggle per person and are shown grouped by emoji', async () => {
    const { patient, doctor } = await consultedPair();
    const message = await sendText(doctor, patient, 'Results are normal');
    const doctorSocket = await server.connect(doctor.cookie);
    const react = (user: TestUser, emoji: string) =>
      server.request.post(`/api/messages/${message.id}/reactions`).set('Cookie', user.cookie).send({ emoji });

    const heard = nextEvent(doctorSocket, 'messageUpdated');
    const first = await react(patient, '❤️');
    expect(first.status).toBe(200);
    expect(first.body.message.reactions).toEqual([{ emoji: '❤️', userIds: [patient.id] }]);
    expect(await heard).toEqual(first.body.message);

    expect((await react(doctor, '❤️')).body.message.reactions).toEqual([{ emoji: '❤️', userIds: [patient.id, doctor.id] }]);
    expect((await react(patient, '🙏')).body.message.reactions).toEqual([
      { emoji: '❤️', userIds: [patient.id, doctor.id] },
      { emoji: '🙏', userIds: [patient.id] },
    ]);
    expect((await react(patient, '❤️')).body.message.reactions).toEqual([
      { emoji: '❤️', userIds: [doctor.id] },
      { emoji: '🙏', userIds: [patient.id] },
    ]);
    expect((await react(patient, '💩')).status).toBe(400);
    // Racing toggles never leave a person's reaction twice.
    await Promise.all([react(doctor, '👍'), react(doctor, '👍'), react(doctor, '👍')]);
    const thumbs = (await fullHistory(doctor, patient))[0]!.reactions.find((group) => group.emoji === '👍');
    expect(thumbs?.userIds ?? []).not.toEqual([doctor.id, doctor.id]);
  });
});

describe('read receipts and the conversation list', () => {
  it('marks what the partner sent up to a message as read, tells the sender, and the unread count drops', async () => {
    const { patient, doctor } = await consultedPair();
    const first = await sendText(doctor, patient, 'one');
    const second = await sendText(doctor, patient, 'two');
    const third = await sendText(doctor, patient, 'three');
    const own = await sendText(patient, doctor, 'mine');

    const before = await server.request.get('/api/messages/conversations').set('Cookie', patient.cookie);
    expect(before.status).toBe(200);
    expect(before.body.conversations).toHaveLength(1);
    expect(before.body.conversations[0]).toMatchObject({
      user: { id: doctor.id, role: 'doctor' },
      lastMessage: { id: own.id },
      unreadCount: 3,
    });
    expect(before.body.conversations[0].user).not.toHaveProperty('email');

    const doctorSocket = await server.connect(doctor.cookie);
    const receipt = nextEvent(doctorSocket, 'messagesRead');
    const read = await server.request
      .post(`/api/messages/${doctor.id}/read`)
      .set('Cookie', patient.cookie)
      .send({ upTo: second.id });
    expect(read.status).toBe(204);
    expect(await receipt).toEqual({ readerId: patient.id, upTo: second.id, readAt: expect.any(String) });

    const thread = await fullHistory(doctor, patient);
    expect(thread.map((message) => [message.id, message.readAt !== null])).toEqual([
      [first.id, true],
      [second.id, true],
      [third.id, false],
      [own.id, false],
    ]);
    const after = await server.request.get('/api/messages/conversations').set('Cookie', patient.cookie);
    expect(after.body.conversations[0].unreadCount).toBe(1);
  });

  it('lists conversations by newest activity first', async () => {
    const doctor = await server.createUser('doctor');
    const first = await consultedPair();
    const second = await consultedPair();
    await ConsultationModel.create({
      patientId: first.patient.id,
      doctorId: doctor.id,
      reason: 'follow-up',
      urgency: 'routine',
      urgencyRank: 1,
      status: 'completed',
      createdAt: new Date(clock.now()),
    });
    await ConsultationModel.create({
      patientId: second.patient.id,
      doctorId: doctor.id,
      reason: 'follow-up',
      urgency: 'routine',
      urgencyRank: 1,
      status: 'active',
      createdAt: new Date(clock.now()),
    });
    await sendText(doctor, first.patient, 'older');
    clock.advance(1_000);
    await sendText(doctor, second.patient, 'newer');
    clock.advance(1_000);
    const list = await server.request.get('/api/messages/conversations').set('Cookie', doctor.cookie);
    expect(list.body.conversations.map((conversation: { user: { id: string } }) => conversation.user.id)).toEqual([
      second.patient.id,
      first.patient.id,
    ]);
    await sendText(first.patient, doctor, 'newest');
    const again = await server.request.get('/api/messages/conversations').set('Cookie', doctor.cookie);
    expect(again.body.conversations.map((conversation: { user: { id: string } }) => conversation.user.id)).toEqual([
      first.patient.id,
      second.patient.id,
    ]);
    expect(again.body.conversations[0]).toMatchObject({ lastMessage: { text: 'newest' }, unreadCount: 1 });
  });
});

describe('typing indicators', () => {
  it('relays typing to the other person at most every 2 s, and stops by itself after 5 s of silence', async () => {
    const { patient, doctor } = await consultedPair();
    const typist = await server.connect(doctor.cookie);
    const watcher = await server.connect(patient.cookie);
    const heard = collect(watcher, 'typing');

    expect(await typist.emitWithAck('typing', { to: patient.id, isTyping: true })).toEqual({ ok: true });
    expect(await typist.emitWithAck('typing', { to: patient.id, isTyping: true })).toEqual({ ok: true });
    expect(await typist.emitWithAck('typing', { to: patient.id, isTyping: true })).toEqual({ ok: true });
    await drained(watcher);
    expect(heard).toEqual([{ userId: doctor.id, isTyping: true }]);

    const stopped = await nextEvent(watcher, 'typing', 7_000);
    expect(stopped).toEqual({ userId: doctor.id, isTyping: false });
  }, 15_000);

  it('says stop when the client says so or its tab closes, and refuses people one may not message', async () => {
    const { patient, doctor } = await consultedPair();
    const stranger = await server.createUser('patient');
    const typist = await server.connect(patient.cookie);
    const watcher = await server.connect(doctor.cookie);

    // Each relay may arrive before the typist's own acknowledgement: listen first, then type.
    const relayed = async (isTyping: boolean) => {
      const heard = nextEvent(watcher, 'typing');
      expect(await typist.emitWithAck('typing', { to: doctor.id, isTyping })).toEqual({ ok: true });
      return heard;
    };
    expect(await relayed(true)).toEqual({ userId: patient.id, isTyping: true });
    expect(await relayed(false)).toEqual({ userId: patient.id, isTyping: false });
    expect(await relayed(true)).toEqual({ userId: patient.id, isTyping: true });
    const stop = nextEvent(watcher, 'typing');
    typist.disconnect();
    expect(await stop).toEqual({ userId: patient.id, isTyping: false });

    const strangerSocket = await server.connect(stranger.cookie);
    const refused = await strangerSocket.emitWithAck('typing', { to: doctor.id, isTyping: true });
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const invalid = await strangerSocket.emitWithAck('typing', { to: 'nobody', isTyping: true });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });
});
