import type { Consultation } from '@telehealth/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, drained } from '../../../test/socket-events.js';
import { eventMatching, nextEvent, startTestServer, type TestServer, type TestUser } from '../../../test/test-server.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

const leaveNote = (doctor: TestUser, text: unknown) =>
  server.request.put('/api/consultations/waiting-note').set('Cookie', doctor.cookie).send({ text });

async function ask(patient: TestUser, doctorId?: string): Promise<Consultation> {
  const body = { reason: 'A rash that will not go', ...(doctorId ? { doctorId } : {}) };
  const response = await server.request.post('/api/consultations').set('Cookie', patient.cookie).send(body).expect(201);
  return response.body.consultation as Consultation;
}

const view = async (patient: TestUser, id: string) =>
  (await server.request.get(`/api/consultations/${id}`).set('Cookie', patient.cookie).expect(200)).body
    .consultation as Consultation;

describe('a word to the waiting room', () => {
  it('reaches the patients waiting for that doctor by name, live and on reload, and no one else', async () => {
    const doctor = await server.createUser('doctor');
    const named = await server.createUser('patient');
    const unnamed = await server.createUser('patient');
    const namedRequest = await ask(named, doctor.id);
    const unnamedRequest = await ask(unnamed);
    const namedTab = await server.connect(named.cookie);
    const unnamedTab = await server.connect(unnamed.cookie);
    const unnamedHeard = collect(unnamedTab, 'waitingNote');

    const heard = nextEvent(namedTab, 'waitingNote');
    const set = await leaveNote(doctor, '  Running about 20 minutes late, sorry!  ');
    expect(set.status).toBe(200);
    expect(set.body.waitingNote).toEqual({ text: 'Running about 20 minutes late, sorry!', at: expect.any(String) });
    expect(await heard).toEqual({ doctorId: doctor.id, ...set.body.waitingNote });
    expect((await view(named, namedRequest.id)).waitingNote).toEqual(set.body.waitingNote);

    await drained(unnamedTab);
    expect(unnamedHeard).toEqual([]);
    expect((await view(unnamed, unnamedRequest.id)).waitingNote).toBeUndefined();

    // Once taken, the consultation no longer shows the waiting room's note.
    await server.request.post(`/api/consultations/${namedRequest.id}/accept`).set('Cookie', doctor.cookie).expect(200);
    expect((await view(named, namedRequest.id)).waitingNote).toBeUndefined();
  });

  it('is cleared by an empty text, and when the doctor goes away', async () => {
    const doctor = await server.createUser('doctor');
    const patient = await server.createUser('patient');
    const request = await ask(patient, doctor.id);
    const tab = await server.connect(patient.cookie);

    await leaveNote(doctor, 'Back in five minutes').expect(200);
    const cleared = eventMatching(tab, 'waitingNote', (note) => note.text === '');
    expect((await leaveNote(doctor, '')).body).toEqual({ waitingNote: null });
    expect(await cleared).toMatchObject({ doctorId: doctor.id, text: '' });
    expect((await view(patient, request.id)).waitingNote).toBeUndefined();

    await leaveNote(doctor, 'Seeing patients in order').expect(200);
    const away = eventMatching(tab, 'waitingNote', (note) => note.text === '');
    await server.request.patch('/api/users/me/availability').set('Cookie', doctor.cookie).send({ available: false }).expect(200);
    await away;
    expect((await view(patient, request.id)).waitingNote).toBeUndefined();
    // An away doctor cannot leave a new one.
    expect((await leaveNote(doctor, 'Hello from the beach')).status).toBe(409);
  });

  it('is read back by its doctor alone, from their own account, until they go away', async () => {
    const doctor = await server.createUser('doctor');
    const patient = await server.createUser('patient');
    const me = async (user: TestUser) =>
      (await server.request.get('/api/auth/me').set('Cookie', user.cookie).expect(200)).body.user;
    expect((await me(doctor)).waitingNote).toBeNull();

    const set = await leaveNote(doctor, 'Running about 10 minutes late').expect(200);
    // After a reload the doctor's desk shows what the waiting room reads.
    expect((await me(doctor)).waitingNote).toEqual(set.body.waitingNote);
    const seenByPatient = await server.request.get(`/api/users/${doctor.id}`).set('Cookie', patient.cookie).expect(200);
    expect(seenByPatient.body.user).not.toHaveProperty('waitingNote');
    expect(await me(patient)).not.toHaveProperty('waitingNote');

    const away = await server.request
      .patch('/api/users/me/availability')
      .set('Cookie', doctor.cookie)
      .send({ available: false })
      .expect(200);
    expect(away.body.user.waitingNote).toBeNull();
    expect((await me(doctor)).waitingNote).toBeNull();
  });

  it('is for doctors only, and at most 200 characters', async () => {
    const doctor = await server.createUser('doctor');
    const patient = await server.createUser('patient');
    expect((await leaveNote(patient, 'Patients cannot post here')).status).toBe(403);
    const long = await leaveNote(doctor, 'x'.repeat(201));
    expect(long.status).toBe(400);
    expect(long.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: [expect.objectContaining({ path: 'text' })] });
    expect((await leaveNote(doctor, 'x'.repeat(200))).status).toBe(200);
    expect((await leaveNote(doctor, { $set: 'x' })).status).toBe(400);
  });
});
