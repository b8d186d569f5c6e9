import type { Consultation } from '@telehealth/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer, type TestUser } from '../../../test/test-server.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

/** The patient asks, this doctor takes it, and completes it unless `keepActive`. */
async function visit(patient: TestUser, doctor: TestUser, reason: string, keepActive = false): Promise<Consultation> {
  const opened = await server.request.post('/api/consultations').set('Cookie', patient.cookie).send({ reason }).expect(201);
  const { id } = opened.body.consultation as Consultation;
  const accepted = await server.request.post(`/api/consultations/${id}/accept`).set('Cookie', doctor.cookie).expect(200);
  if (keepActive) return accepted.body.consultation as Consultation;
  const completed = await server.request
    .post(`/api/consultations/${id}/complete`)
    .set('Cookie', doctor.cookie)
    .send({})
    .expect(200);
  return completed.body.consultation as Consultation;
}

const withUser = (viewer: TestUser, other: { id: string }) =>
  server.request.get(`/api/consultations/with/${other.id}`).set('Cookie', viewer.cookie);

describe('GET /api/consultations/with/:userId', () => {
  it("gives a patient and a doctor the consultations of their pair, newest first, and no one else's", async () => {
    const patient = await server.createUser('patient');
    const doctor = await server.createUser('doctor');
    const otherDoctor = await server.createUser('doctor');
    const first = await visit(patient, doctor, 'A sore throat');
    await visit(patient, otherDoctor, 'A sprained ankle');
    const current = await visit(patient, doctor, 'The throat again', true);

    const asPatient = await withUser(patient, doctor);
    expect(asPatient.status).toBe(200);
    expect(asPatient.body.consultations.map((c: Consultation) => [c.id, c.status])).toEqual([
      [current.id, 'active'],
      [first.id, 'completed'],
    ]);
    expect(asPatient.body.consultations[1].completedAt).toEqual(first.completedAt);
    // The doctor's side of the same pair; the patient's online flag is not part of this view.
    const asDoctor = await withUser(doctor, patient);
    expect(asDoctor.body.consultations.map((c: Consultation) => c.id)).toEqual([current.id, first.id]);
    expect(asDoctor.body.consultations[0]).not.toHaveProperty('patientOnline');
  });

  it("does not leak another patient's pair, and is 404 for people the viewer may not see", async () => {
    const patient = await server.createUser('patient');
    const doctor = await server.createUser('doctor');
    await visit(patient, doctor, 'Headaches every morning');
    const otherPatient = await server.createUser('patient');
    const strangerDoctor = await server.createUser('doctor');

    // Another patient sees the doctor (an active doctor) but none of the first patient's consultations.
    const theirs = await withUser(otherPatient, doctor);
    expect(theirs.status).toBe(200);
    expect(theirs.body).toEqual({ consultations: [] });

    for (const [viewer, other] of [
      [otherPatient, patient],
      [strangerDoctor, patient],
      [patient, { id: '0123456789abcdef01234567' }],
      [patient, patient],
    ] as const) {
      const refused = await withUser(viewer, other);
      expect(refused.status).toBe(404);
      expect(refused.body.error.code).toBe('NOT_FOUND');
    }
  });

  it('refuses admins, anyone signed out, and an id that is not one', async () => {
    const patient = await server.createUser('patient');
    const doctor = await server.createUser('doctor');
    const admin = await server.createUser('admin');
    expect((await withUser(admin, doctor)).status).toBe(403);
    expect((await server.request.get(`/api/consultations/with/${doctor.id}`)).status).toBe(401);
    const malformed = await server.request.get('/api/consultations/with/not-an-id').set('Cookie', patient.cookie);
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('VALIDATION_FAILED');
  });
});
