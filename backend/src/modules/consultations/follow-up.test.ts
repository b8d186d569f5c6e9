import { randomUUID } from 'node:crypto';
import type { AckResult, Consultation } from '@telehealth/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeClock, startTestServer, type ClientSocket, type TestServer, type TestUser } from '../../../test/test-server.js';

const DAY = 24 * 60 * 60 * 1000;
const clock = fakeClock();
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({}, { clock });
});
afterAll(async () => {
  await server?.stop();
});

/** A patient asks, a doctor takes the request and completes it: the follow-up window opens now. */
async function completedVisit(): Promise<{ patient: TestUser; doctor: TestUser; consultation: Consultation }> {
  const patient = await server.createUser('patient');
  const doctor = await server.createUser('doctor');
  const opened = await server.request
    .post('/api/consultations')
    .set('Cookie', patient.cookie)
    .send({ reason: 'Knee pain after running' })
    .expect(201);
  const { id } = opened.body.consultation as Consultation;
  await server.request.post(`/api/consultations/${id}/accept`).set('Cookie', doctor.cookie).expect(200);
  const completed = await server.request
    .post(`/api/consultations/${id}/complete`)
    .set('Cookie', doctor.cookie)
    .send({ notes: 'Rest a week.' })
    .expect(200);
  return { patient, doctor, consultation: completed.body.consultation as Consultation };
}

/** Days pass: sessions end long before (SESSION_MAX_HOURS), so both sign in again. */
async function daysPass(days: number, ...people: TestUser[]): Promise<void> {
  clock.advance(days * DAY);
  for (const person of people) person.cookie = await server.login(person.email, person.password);
}

const write = (from: TestUser, to: TestUser, text: string) =>
  server.request.post(`/api/messages/${to.id}`).set('Cookie', from.cookie).send({ clientId: randomUUID(), text });

const offer = { type: 'offer' as const, sdp: 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n' };
const call = (from: ClientSocket, to: TestUser): Promise<AckResult> =>
  from.timeout(3_000).emitWithAck('call-user', { to: to.id, callId: randomUUID(), offer, video: true });

describe('the follow-up window after a consultation', () => {
  it('lets the patient write during the window, and refuses them after it while the doctor may still write', async () => {
    const { patient, doctor } = await completedVisit();
    await daysPass(6, patient, doctor);
    expect((await write(patient, doctor, 'Still a little sore, is that normal?')).status).toBe(201);

    await daysPass(1, patient, doctor);
    const refused = await write(patient, doctor, 'Hello again?');
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual({
      error: { code: 'FOLLOW_UP_ENDED', message: expect.stringContaining('ask for a new consultation') },
    });
    expect((await write(doctor, patient, 'How is the knee?')).status).toBe(201);

    // The thread stays readable, and a new consultation opens the conversation again.
    expect((await server.request.get(`/api/messages/${doctor.id}`).set('Cookie', patient.cookie)).status).toBe(200);
    const again = await server.request
      .post('/api/consultations')
      .set('Cookie', patient.cookie)
      .send({ reason: 'The knee again', doctorId: doctor.id })
      .expect(201);
    await server.request.post(`/api/consultations/${again.body.consultation.id}/accept`).set('Cookie', doctor.cookie).expect(200);
    expect((await write(patient, doctor, 'Thanks for taking me again')).status).toBe(201);
  });

  it('lets a patient call only during an active consultation; the doctor may still call them', async () => {
    const { patient, doctor } = await completedVisit();
    const patientTab = await server.connect(patient.cookie);
    const doctorTab = await server.connect(doctor.cookie);

    const refused = await call(patientTab, doctor);
    expect(refused).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('active consultation') } });
    expect(await server.context.calls.callOf(patient.id)).toBeUndefined();

    const ringing = new Promise<{ callId: string }>((resolve) => patientTab.once('call-made', resolve));
    expect(await call(doctorTab, patient)).toEqual({ ok: true });
    const { callId } = await ringing;
    expect(await doctorTab.timeout(3_000).emitWithAck('call-end', { callId })).toEqual({ ok: true });
  });
});
