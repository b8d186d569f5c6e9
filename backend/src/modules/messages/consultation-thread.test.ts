import type { Consultation, Message, PendingInstructionsAnswer } from '@telehealth/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextEvent, startTestServer, type TestServer, type TestUser } from '../../../test/test-server.js';
import { ConsultationModel } from '../consultations/consultation.model.js';
import { MessageModel } from './message.model.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

let sequence = 0;
const clientId = () => `thread-${Date.now().toString(36)}-${(sequence += 1)}`;

/** A patient's request waiting in the line, written straight to the database (consent is another module's business). */
async function waitingRequest(reason = 'a sore throat'): Promise<{ patient: TestUser; doctor: TestUser; id: string }> {
  const patient = await server.createUser('patient');
  const doctor = await server.createUser('doctor', { name: 'Ada Osei' });
  const record = await ConsultationModel.create({
    patientId: patient.id,
    reason,
    urgency: 'routine',
    urgencyRank: 1,
    status: 'waiting',
    createdAt: new Date(),
  });
  return { patient, doctor, id: record._id.toString() };
}

function send(from: TestUser, to: TestUser, body: Record<string, unknown>) {
  return server.request.post(`/api/messages/${to.id}`).set('Cookie', from.cookie).send(body);
}

async function thread(user: TestUser, partner: TestUser): Promise<Message[]> {
  const response = await server.request.get(`/api/messages/${partner.id}`).set('Cookie', user.cookie);
  expect(response.status).toBe(200);
  return response.body.messages as Message[];
}

describe("a consultation's start and end in the thread", () => {
  it('stores a system entry when a doctor accepts and another when they complete, announced and caught up like any message', async () => {
    const { patient, doctor, id } = await waitingRequest('a sore throat');
    const patientSocket = await server.connect(patient.cookie);
    const started = nextEvent(patientSocket, 'newMessage');

    expect((await server.request.post(`/api/consultations/${id}/accept`).set('Cookie', doctor.cookie)).status).toBe(200);
    const entry = await started;
    expect(entry).toMatchObject({
      kind: 'system',
      senderId: doctor.id,
      receiverId: patient.id,
      text: 'Consultation started — Dr. Ada Osei — a sore throat',
      system: { event: 'consultation-started', consultationId: id, doctorName: 'Ada Osei', reason: 'a sore throat' },
      instructions: null,
    });

    const hello = (await send(doctor, patient, { text: 'Hello', clientId: clientId() })).body.message as Message;
    const completed = nextEvent(patientSocket, 'newMessage');
    expect((await server.request.post(`/api/consultations/${id}/complete`).set('Cookie', doctor.cookie).send({})).status).toBe(
      200,
    );
    expect(await completed).toMatchObject({
      kind: 'system',
      text: 'Consultation completed',
      system: { event: 'consultation-completed', consultationId: id },
    });

    const messages = await thread(patient, doctor);
    expect(messages.map((message) => message.system?.event ?? message.text)).toEqual([
      'consultation-started',
      'Hello',
      'consultation-completed',
    ]);
    const caughtUp = await server.request
      .get(`/api/messages/${doctor.id}`)
      .query({ after: hello.id })
      .set('Cookie', patient.cookie);
    expect(caughtUp.body.messages.map((message: Message) => message.system?.event)).toEqual(['consultation-completed']);
    const conversations = await server.request.get('/api/messages/conversations').set('Cookie', patient.cookie);
    expect(conversations.body.conversations[0].lastMessage.system.event).toBe('consultation-completed');
  });

  it("counts as no one's unread message, and does not double a title the doctor's name has", async () => {
    const patient = await server.createUser('patient');
    const doctor = await server.createUser('doctor', { name: 'Dr. Kofi Mensah' });
    const record = await ConsultationModel.create({
      patientId: patient.id,
      reason: 'a rash',
      urgency: 'routine',
      urgencyRank: 1,
      status: 'waiting',
      createdAt: new Date(),
    });
    const id = record._id.toString();
    expect((await server.request.post(`/api/consultations/${id}/accept`).set('Cookie', doctor.cookie)).status).toBe(200);

    const [entry] = await thread(patient, doctor);
    expect(entry?.text).toBe('Consultation started — Dr. Kofi Mensah — a rash');
    expect(entry?.readAt).not.toBeNull();
    const conversations = await server.request.get('/api/messages/conversations').set('Cookie', patient.cookie);
    expect(conversations.status).toBe(200);
    const withDoctor = (conversations.body.conversations as { user: { id: string }; unreadCount: number }[]).find(
      (conversation) => conversation.user.id === doctor.id,
    );
    expect(withDoctor?.unreadCount).toBe(0);
  });

  it('stores each entry once however often it is asked for', async () => {
    const { doctor, id } = await waitingRequest();
    const accepted = await server.request.post(`/api/consultations/${id}/accept`).set('Cookie', doctor.cookie);
    await server.context.messages.consultationStarted(accepted.body.consultation as Consultation);
    expect((await server.request.post(`/api/consultations/${id}/accept`).set('Cookie', doctor.cookie)).status).toBe(409);
    expect(await MessageModel.countDocuments({ clientId: `system:consultation-started:${id}` })).toBe(1);
  });

  it('cannot be edited, deleted or reacted to, by either person', async () => {
    const { patient, doctor, id } = await waitingRequest();
    await server.request.post(`/api/consultations/${id}/accept`).set('Cookie', doctor.cookie);
    const [entry] = await thread(doctor, patient);
    for (const user of [doctor, patient]) {
      expect(
        (await server.request.patch(`/api/messages/${entry!.id}`).set('Cookie', user.cookie).send({ text: 'forged' })).status,
      ).toBe(403);
      expect((await server.request.delete(`/api/messages/${entry!.id}`).set('Cookie', user.cookie)).status).toBe(403);
      expect(
        (await server.request.post(`/api/messages/${entry!.id}/reactions`).set('Cookie', user.cookie).send({ emoji: '👍' }))
          .status,
      ).toBe(403);
    }
  });

  it('cannot be forged by a client: kind, system and a system clientId are refused', async () => {
    const { patient, doctor, id } = await waitingRequest();
    await server.request.post(`/api/consultations/${id}/accept`).set('Cookie', doctor.cookie);
    const system = { event: 'consultation-completed', consultationId: id, doctorName: 'Ada Osei', reason: 'x' };
    for (const body of [
      { text: 'done', clientId: clientId(), kind: 'system' },
      { text: 'done', clientId: clientId(), system },
      { text: 'done', clientId: `system:consultation-completed:${id}` },
    ]) {
      const response = await send(doctor, patient, body);
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('VALIDATION_FAILED');
    }
    expect((await thread(patient, doctor)).filter((message) => message.kind === 'system')).toHaveLength(1);
  });
});

describe('instructions the patient confirms', () => {
  async function activePair() {
    const { patient, doctor, id } = await waitingRequest();
    await server.request.post(`/api/consultations/${id}/accept`).set('Cookie', doctor.cookie);
    return { patient, doctor };
  }
  const pending = async (user: TestUser) =>
    (await server.request.get('/api/messages/instructions/pending').set('Cookie', user.cookie)).body as PendingInstructionsAnswer;
  const understood = (user: TestUser, messageId: string) =>
    server.request.post(`/api/messages/${messageId}/understood`).set('Cookie', user.cookie);

  it('the patient confirms them once; both hear it, and they leave the pending list', async () => {
    const { patient, doctor } = await activePair();
    const sent = await send(doctor, patient, { text: 'Two tablets a day for a week', clientId: clientId(), instructions: true });
    expect(sent.status).toBe(201);
    const message = sent.body.message as Message;
    expect(message.instructions).toEqual({ confirmedAt: null });
    expect((await pending(patient)).instructions.map((item) => [item.message.id, item.doctor.id])).toEqual([
      [message.id, doctor.id],
    ]);

    const doctorSocket = await server.connect(doctor.cookie);
    const patientSocket = await server.connect(patient.cookie);
    const doctorHears = nextEvent(doctorSocket, 'messageUpdated');
    const patientHears = nextEvent(patientSocket, 'messageUpdated');
    const confirmed = await understood(patient, message.id);
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.message.instructions.confirmedAt).toEqual(expect.any(String));
    expect(await doctorHears).toEqual(confirmed.body.message);
    expect(await patientHears).toEqual(confirmed.body.message);

    expect((await understood(patient, message.id)).status).toBe(409);
    expect((await pending(patient)).instructions).toEqual([]);
    const edit = await server.request
      .patch(`/api/messages/${message.id}`)
      .set('Cookie', doctor.cookie)
      .send({ text: 'Three tablets' });
    expect(edit.status).toBe(409);
  });

  it('only a doctor sends them, and only to a patient', async () => {
    const { patient, doctor } = await activePair();
    const colleague = await server.createUser('doctor');
    const fromPatient = await send(patient, doctor, { text: 'Do this', clientId: clientId(), instructions: true });
    expect(fromPatient.status).toBe(403);
    expect((await send(doctor, colleague, { text: 'Do this', clientId: clientId(), instructions: true })).status).toBe(403);
    expect(await MessageModel.countDocuments({ text: 'Do this' })).toBe(0);
  });

  it('only the patient they are for confirms them; the doctor is refused, anyone else learns nothing', async () => {
    const { patient, doctor } = await activePair();
    const stranger = await server.createUser('patient');
    const message = (await send(doctor, patient, { text: 'Rest', clientId: clientId(), instructions: true })).body
      .message as Message;
    expect((await understood(doctor, message.id)).status).toBe(403);
    expect((await understood(stranger, message.id)).status).toBe(404);
    const plain = (await send(doctor, patient, { text: 'Just a note', clientId: clientId() })).body.message as Message;
    expect((await understood(patient, plain.id)).status).toBe(409);
    expect((await pending(stranger)).instructions).toEqual([]);
    expect((await server.request.get('/api/messages/instructions/pending').set('Cookie', doctor.cookie)).status).toBe(403);
  });

  it('deleted instructions leave the pending list; multipart sends them as "true"', async () => {
    const { patient, doctor } = await activePair();
    const message = (await send(doctor, patient, { text: 'Ignore this', clientId: clientId(), instructions: true })).body
      .message as Message;
    expect((await server.request.delete(`/api/messages/${message.id}`).set('Cookie', doctor.cookie)).status).toBe(200);
    expect((await pending(patient)).instructions).toEqual([]);
    const multipart = await server.request
      .post(`/api/messages/${patient.id}`)
      .set('Cookie', doctor.cookie)
      .field('text', 'Read the leaflet')
      .field('clientId', clientId())
      .field('instructions', 'true');
    expect(multipart.status).toBe(201);
    expect(multipart.body.message.instructions).toEqual({ confirmedAt: null });
  });
});
