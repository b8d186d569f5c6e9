import type { Consultation } from '@telehealth/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer, type TestUser } from '../../../test/test-server.js';
import { AuditModel } from '../audit/audit.model.js';

let server: TestServer;
let admin: TestUser;

beforeAll(async () => {
  server = await startTestServer();
  admin = await server.createUser('admin');
});
afterAll(async () => {
  await server?.stop();
});

const read = (user: TestUser) => server.request.get('/api/consent').set('Cookie', user.cookie);
const accept = (user: TestUser, version: unknown) =>
  server.request.post('/api/consent/accept').set('Cookie', user.cookie).send({ version });
const ask = (user: TestUser) =>
  server.request.post('/api/consultations').set('Cookie', user.cookie).send({ reason: 'A sore throat' });
const publish = (user: TestUser, text: string) =>
  server.request.put('/api/admin/consent').set('Cookie', user.cookie).send({ text });
const audited = (action: 'consent.updated' | 'consent.accepted', actorId: string) =>
  AuditModel.countDocuments({ action, actorId });

describe('consent before the first visit', () => {
  it('shows everyone signed in the current text, seeded as version 1, and nobody signed out', async () => {
    const doctor = await server.createUser('doctor');
    const seen = await read(doctor);
    expect(seen.status).toBe(200);
    expect(seen.body.consent).toMatchObject({ version: expect.any(Number), text: expect.stringContaining('telehealth') });
    expect(seen.body.accepted).toBeNull();
    expect((await server.request.get('/api/consent')).status).toBe(401);
  });

  it('refuses a request from a patient who has not accepted, then takes it once they have', async () => {
    const patient = await server.createUser('patient', { consent: false });
    const refused = await ask(patient);
    expect(refused.status).toBe(409);
    expect(refused.body).toEqual({ error: { code: 'CONSENT_REQUIRED', message: expect.stringContaining('consent') } });

    const { version } = (await read(patient)).body.consent as { version: number };
    const accepted = await accept(patient, version);
    expect(accepted.status).toBe(200);
    expect(accepted.body.accepted).toEqual({ version, acceptedAt: expect.any(String) });
    expect((await read(patient)).body.accepted).toEqual(accepted.body.accepted);
    expect(await audited('consent.accepted', patient.id)).toBe(1);

    const opened = await ask(patient);
    expect(opened.status).toBe(201);
    expect((opened.body.consultation as Consultation).consent).toEqual(accepted.body.accepted);

    // The doctor taking it sees which version the patient agreed to, and when.
    const doctor = await server.createUser('doctor');
    const [queued] = (await server.request.get('/api/consultations/queue').set('Cookie', doctor.cookie)).body
      .consultations as Consultation[];
    expect(queued).toMatchObject({ id: opened.body.consultation.id, consent: accepted.body.accepted });
  });

  it('asks again after an admin publishes a new version, and refuses an acceptance of the old one', async () => {
    const patient = await server.createUser('patient');
    const before = (await read(patient)).body.consent as { version: number };

    const published = await publish(admin, 'Version two of the consent: calls may now include a second clinician.');
    expect(published.status).toBe(200);
    expect(published.body.consent).toMatchObject({ version: before.version + 1, text: expect.stringContaining('Version two') });
    expect(await audited('consent.updated', admin.id)).toBe(1);

    expect((await ask(patient)).body.error.code).toBe('CONSENT_REQUIRED');
    const stale = await accept(patient, before.version);
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({
      code: 'CONSENT_OUTDATED',
      message: expect.stringContaining(`version ${before.version + 1}`),
    });
    expect((await accept(patient, before.version + 1)).status).toBe(200);
    expect((await ask(patient)).status).toBe(201);
  });

  it('lets only admins write the text and only patients accept it, with valid bodies', async () => {
    const patient = await server.createUser('patient', { consent: false });
    const doctor = await server.createUser('doctor');
    const { version } = (await read(patient)).body.consent as { version: number };
    expect((await publish(doctor, 'A doctor trying to rewrite the consent text.')).status).toBe(403);
    expect((await publish(patient, 'A patient trying to rewrite the consent text.')).status).toBe(403);
    expect((await accept(doctor, version)).status).toBe(403);
    expect((await accept(admin, version)).status).toBe(403);

    expect((await publish(admin, 'short')).body.error.code).toBe('VALIDATION_FAILED');
    expect(
      (
        await server.request
          .put('/api/admin/consent')
          .set('Cookie', admin.cookie)
          .send({ text: 'x'.repeat(30), version: 9 })
      ).status,
    ).toBe(400);
    expect((await accept(patient, '1')).status).toBe(400);
    expect((await accept(patient, 0)).status).toBe(400);
    expect((await read(patient)).body.consent.version).toBe(version);
  });
});
