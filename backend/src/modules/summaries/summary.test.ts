import type { ConsultationSummary, Message } from '@telehealth/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PNG } from '../../../test/files.js';
import { fakeClock, startTestServer, type TestServer, type TestUser } from '../../../test/test-server.js';
import { ConsultationModel } from '../consultations/consultation.model.js';

const clock = fakeClock();
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({}, { clock });
});
afterAll(async () => {
  await server?.stop();
});

let sequence = 0;
const clientId = () => `summary-${Date.now().toString(36)}-${(sequence += 1)}`;

async function waitingRequest(patient: TestUser, waitedSeconds: number): Promise<string> {
  const record = await ConsultationModel.create({
    patientId: patient.id,
    reason: 'a twisted ankle',
    urgency: 'urgent',
    urgencyRank: 0,
    status: 'waiting',
    createdAt: new Date(clock.now() - waitedSeconds * 1000),
  });
  return record._id.toString();
}

const summaryOf = (user: TestUser, id: string) =>
  server.request.get(`/api/consultations/${id}/summary`).set('Cookie', user.cookie);
const post = (user: TestUser, path: string, body: Record<string, unknown> = {}) =>
  server.request.post(path).set('Cookie', user.cookie).send(body);

describe('the visit summary', () => {
  it('sums up a completed consultation: who, when, notes, and the instructions, calls and files of its window only', async () => {
    const patient = await server.createUser('patient', { name: 'Sam Reed' });
    const doctor = await server.createUser('doctor', { name: 'Ada Osei' });
    const id = await waitingRequest(patient, 120);
    expect((await post(doctor, `/api/consultations/${id}/accept`)).status).toBe(200);

    const instructions = (
      await post(doctor, `/api/messages/${patient.id}`, { text: 'Ice it twice a day', clientId: clientId(), instructions: true })
    ).body.message as Message;
    await server.context.messages.recordCall({
      callId: `${id}-one`,
      callerId: doctor.id,
      calleeId: patient.id,
      outcome: 'completed',
      durationSeconds: 95,
    });
    const upload = await server.request
      .post(`/api/messages/${doctor.id}`)
      .set('Cookie', patient.cookie)
      .field('clientId', clientId())
      .attach('file', PNG, { filename: 'ankle.png', contentType: 'image/png' });
    expect(upload.status).toBe(201);
    expect((await post(patient, `/api/messages/${instructions.id}/understood`)).status).toBe(200);

    const soFar = (await summaryOf(patient, id)).body.summary as ConsultationSummary;
    expect(soFar).toMatchObject({ status: 'active', completedAt: null, instructions: [{ messageId: instructions.id }] });

    clock.advance(600_000);
    expect((await post(doctor, `/api/consultations/${id}/complete`, { notes: 'Sprain, no fracture' })).status).toBe(200);
    // After the end entry: not part of this consultation.
    await server.context.messages.recordCall({
      callId: `${id}-after`,
      callerId: patient.id,
      calleeId: doctor.id,
      outcome: 'missed',
      durationSeconds: 0,
    });

    const response = await summaryOf(patient, id);
    expect(response.status).toBe(200);
    const summary = response.body.summary as ConsultationSummary;
    expect(summary).toMatchObject({
      consultationId: id,
      status: 'completed',
      reason: 'a twisted ankle',
      urgency: 'urgent',
      patient: { id: patient.id, name: 'Sam Reed' },
      doctor: { id: doctor.id, name: 'Ada Osei' },
      waitingSeconds: 120,
      consultationSeconds: 600,
      notes: 'Sprain, no fracture',
      instructions: [{ messageId: instructions.id, text: 'Ice it twice a day', confirmedAt: expect.any(String) }],
      calls: [{ outcome: 'completed', durationSeconds: 95 }],
      files: [
        {
          senderId: patient.id,
          name: 'ankle.png',
          size: PNG.length,
          mimeType: 'image/png',
          url: expect.stringMatching(/^\/api\/files\//),
        },
      ],
    });
    expect(summary.calls).toHaveLength(1);
    expect(summary.completedAt).toEqual(expect.any(String));
    expect((await summaryOf(doctor, id)).body.summary).toEqual(summary);
  });

  it('is for its patient and its doctor only: other patients and doctors are told it does not exist, admins are refused', async () => {
    const patient = await server.createUser('patient');
    const doctor = await server.createUser('doctor');
    const id = await waitingRequest(patient, 10);
    await post(doctor, `/api/consultations/${id}/accept`);
    expect((await summaryOf(await server.createUser('patient'), id)).status).toBe(404);
    expect((await summaryOf(await server.createUser('doctor'), id)).status).toBe(404);
    expect((await summaryOf(await server.createUser('admin'), id)).status).toBe(403);
    expect((await summaryOf(patient, '5f0000000000000000000000')).status).toBe(404);
  });

  it('has nothing to sum up before a doctor takes the request: 409', async () => {
    const patient = await server.createUser('patient');
    const doctor = await server.createUser('doctor');
    const id = await waitingRequest(patient, 10);
    expect((await summaryOf(patient, id)).status).toBe(409);
    expect((await summaryOf(doctor, id)).status).toBe(409);
    await post(patient, `/api/consultations/${id}/cancel`);
    expect((await summaryOf(patient, id)).status).toBe(409);
  });
});
