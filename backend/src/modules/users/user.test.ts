import type { PublicUser } from '@telehealth/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer, type TestUser } from '../../../test/test-server.js';
import { UserModel } from './user.model.js';
import { escapeRegExp, searchFilter } from './user-search.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

async function directory(viewer: TestUser, query = ''): Promise<PublicUser[]> {
  const response = await server.request.get(`/api/users?limit=100${query}`).set('Cookie', viewer.cookie);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body.users as PublicUser[];
}
const idsOf = (users: PublicUser[]) => users.map((user) => user.id);

/** A doctor takes a patient on: the consultation that makes them related. */
async function consult(patient: TestUser, doctor: TestUser): Promise<void> {
  const opened = await server.request
    .post('/api/consultations')
    .set('Cookie', patient.cookie)
    .send({ reason: 'Check-up please' })
    .expect(201);
  await server.request.post(`/api/consultations/${opened.body.consultation.id}/accept`).set('Cookie', doctor.cookie).expect(200);
}

describe('the directory shows each person whom they may see', () => {
  let patient: TestUser;
  let otherPatient: TestUser;
  let doctor: TestUser;
  let otherDoctor: TestUser;
  let admin: TestUser;
  let retiredId: string;

  beforeAll(async () => {
    patient = await server.createUser('patient');
    otherPatient = await server.createUser('patient');
    doctor = await server.createUser('doctor', { specialty: 'Cardiology' });
    otherDoctor = await server.createUser('doctor');
    admin = await server.createUser('admin');
    const retired = await server.createUser('doctor');
    retiredId = retired.id;
    await UserModel.updateOne({ _id: retired.id }, { $set: { active: false } });
    await consult(patient, doctor);
  });

  it('a patient sees active doctors only: no patients, no admins, no deactivated doctor', async () => {
    const seen = idsOf(await directory(patient));
    expect(seen).toEqual(expect.arrayContaining([doctor.id, otherDoctor.id]));
    expect(seen).not.toContain(otherPatient.id);
    expect(seen).not.toContain(admin.id);
    expect(seen).not.toContain(retiredId);
    expect((await directory(patient)).find((user) => user.id === doctor.id)).not.toHaveProperty('email');
  });

  it('a doctor sees doctors and their own patients, not other patients', async () => {
    const seen = idsOf(await directory(doctor));
    expect(seen).toEqual(expect.arrayContaining([otherDoctor.id, patient.id]));
    expect(seen).not.toContain(otherPatient.id);
    expect(seen).not.toContain(admin.id);
    expect(idsOf(await directory(otherDoctor))).not.toContain(patient.id);
  });

  it('an admin sees everyone, with emails', async () => {
    const seen = await directory(admin);
    expect(idsOf(seen)).toEqual(expect.arrayContaining([patient.id, otherPatient.id, doctor.id, admin.id, retiredId]));
    expect(seen.find((user) => user.id === patient.id)?.email).toBe(patient.email);
  });

  it('filters by role', async () => {
    const doctors = await directory(admin, '&role=doctor');
    expect(doctors.every((user) => user.role === 'doctor')).toBe(true);
    expect(idsOf(doctors)).toContain(doctor.id);
  });

  it('a profile the viewer may not see is a 404, the same as no profile at all', async () => {
    expect((await server.request.get(`/api/users/${otherPatient.id}`).set('Cookie', patient.cookie)).status).toBe(404);
    expect((await server.request.get(`/api/users/${otherPatient.id}`).set('Cookie', doctor.cookie)).status).toBe(404);
    expect((await server.request.get(`/api/users/${admin.id}`).set('Cookie', patient.cookie)).status).toBe(404);
    expect((await server.request.get('/api/users/0123456789abcdef01234567').set('Cookie', patient.cookie)).status).toBe(404);

    const own = await server.request.get(`/api/users/${patient.id}`).set('Cookie', doctor.cookie);
    expect(own.status).toBe(200);
    expect(own.body.user).toMatchObject({ id: patient.id, role: 'patient' });
    expect(own.body.user).not.toHaveProperty('email');
    const self = await server.request.get(`/api/users/${patient.id}`).set('Cookie', patient.cookie);
    expect(self.body.user.email).toBe(patient.email);
    expect((await server.request.get(`/api/users/${doctor.id}`).set('Cookie', patient.cookie)).body.user).toMatchObject({
      specialty: 'Cardiology',
    });
  });

  it('a deactivated doctor stays visible to a patient they have seen', async () => {
    const formerDoctor = await server.createUser('doctor');
    await consult(otherPatient, formerDoctor);
    await UserModel.updateOne({ _id: formerDoctor.id }, { $set: { active: false } });
    expect(idsOf(await directory(otherPatient))).toContain(formerDoctor.id);
    expect(idsOf(await directory(patient))).not.toContain(formerDoctor.id);
  });
});

describe('directory search', () => {
  it('matches name or specialty, in any case', async () => {
    const patient = await server.createUser('patient');
    const doctor = await server.createUser('doctor', { name: 'Dr Imogen Quartermaine', specialty: 'Paediatric Neurology' });
    expect(idsOf(await directory(patient, '&search=QUARTERMAINE'))).toEqual([doctor.id]);
    expect(idsOf(await directory(patient, '&search=paediatric%20neuro'))).toEqual([doctor.id]);
  });

  it('treats the text literally: a catastrophic pattern reaches the database as plain text and finds only the literal name', async () => {
    const evil = `(a+)+$${'a'.repeat(30)}`;
    const literal = await server.createUser('doctor', { name: `Dr ${evil}` });
    const lookalike = await server.createUser('doctor', { name: `Dr ${'a'.repeat(40)}` });
    const patient = await server.createUser('patient');

    // What is asked of the database has no quantifier, group or anchor left: nothing to backtrack
    // on, whatever the machine's speed (a stopwatch here would measure the machine instead).
    const { searchText } = searchFilter(evil) as { searchText: { $regex: string } };
    expect(searchText.$regex.replace(/\\[\s\S]/g, '')).toMatch(/^[^.*+?^${}()|[\]\\]*$/);
    const response = await server.request.get(`/api/users?search=${encodeURIComponent(evil)}`).set('Cookie', patient.cookie);
    expect(response.status).toBe(200);
    expect(idsOf(response.body.users)).toEqual([literal.id]);
    expect(idsOf(response.body.users)).not.toContain(lookalike.id);

    expect(await directory(patient, `&search=${encodeURIComponent('.*')}`)).toEqual([]);
    // As a pattern this would match the lookalike's run of a's; as text it matches nobody.
    expect(await directory(patient, `&search=${encodeURIComponent('aa+')}`)).toEqual([]);
  });

  it('escapes every metacharacter', () => {
    const special = '.*+?^${}()|[]\\/-';
    expect(new RegExp(`^${escapeRegExp(special)}$`).test(special)).toBe(true);
  });

  it('refuses a search longer than 100 characters, or not a string', async () => {
    const patient = await server.createUser('patient');
    expect((await server.request.get(`/api/users?search=${'x'.repeat(101)}`).set('Cookie', patient.cookie)).status).toBe(400);
    expect((await server.request.get('/api/users?search[$regex]=.*').set('Cookie', patient.cookie)).status).toBe(400);
  });
});

describe('directory pages', () => {
  it('walks newest first by cursor, without repeats, to a null cursor', async () => {
    const admin = await server.createUser('admin');
    const everyone = idsOf(await directory(admin));
    const walked: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { users: PublicUser[]; nextCursor: string | null } } = await server.request
        .get(`/api/users?limit=3${cursor ? `&cursor=${cursor}` : ''}`)
        .set('Cookie', admin.cookie)
        .expect(200);
      expect(page.body.users.length).toBeLessThanOrEqual(3);
      walked.push(...idsOf(page.body.users));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(walked).toEqual(everyone);
    expect(walked[0]).toBe(admin.id);
  });

  it("pages a doctor's own patients in among the doctors, newest first, without repeats or gaps", async () => {
    // Patients and doctors created in turn, so the doctor's patients (read by `_id`) and the
    // doctors (the query) interleave across pages.
    const doctor = await server.createUser('doctor');
    for (let index = 0; index < 3; index += 1) {
      await consult(await server.createUser('patient'), doctor);
      await server.createUser('doctor');
    }
    await server.createUser('patient'); // a stranger: never shown
    const everyone = idsOf(await directory(doctor));
    const walked: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { users: PublicUser[]; nextCursor: string | null } } = await server.request
        .get(`/api/users?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
        .set('Cookie', doctor.cookie)
        .expect(200);
      expect(page.body.users.length).toBeLessThanOrEqual(2);
      walked.push(...idsOf(page.body.users));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(walked).toEqual(everyone);
    expect([...walked].sort().reverse()).toEqual(walked);
    expect(new Set(walked).size).toBe(walked.length);
  });

  it('refuses a cursor that is not an id', async () => {
    const patient = await server.createUser('patient');
    expect((await server.request.get('/api/users?cursor=abc').set('Cookie', patient.cookie)).status).toBe(400);
  });
});

describe('editing one’s own profile', () => {
  it('changes name and bio, and search finds the new name', async () => {
    const patient = await server.createUser('patient');
    const response = await server.request
      .patch('/api/users/me')
      .set('Cookie', patient.cookie)
      .send({ name: 'Ottoline Verity', bio: 'Allergic to penicillin' });
    expect(response.status).toBe(200);
    expect(response.body.user).toMatchObject({
      id: patient.id,
      name: 'Ottoline Verity',
      bio: 'Allergic to penicillin',
      email: patient.email,
    });
    const admin = await server.createUser('admin');
    expect(idsOf(await directory(admin, '&search=ottoline'))).toEqual([patient.id]);
  });

  it('a doctor sets a specialty and is found by it; a patient may not have one', async () => {
    const doctor = await server.createUser('doctor');
    expect(
      (await server.request.patch('/api/users/me').set('Cookie', doctor.cookie).send({ specialty: 'Tropical Medicine' })).body
        .user.specialty,
    ).toBe('Tropical Medicine');
    const patient = await server.createUser('patient');
    expect(idsOf(await directory(patient, '&search=tropical'))).toEqual([doctor.id]);

    const refused = await server.request.patch('/api/users/me').set('Cookie', patient.cookie).send({ specialty: 'Surgery' });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details).toEqual([expect.objectContaining({ path: 'specialty' })]);
    expect(await UserModel.findById(patient.id).lean()).toMatchObject({ specialty: '' });
  });

  it.each([
    ['role', { role: 'admin' }],
    ['active', { active: false }],
    ['email', { email: 'someone-else@example.com' }],
    ['passwordHash', { passwordHash: '$2b$04$abcdefghijklmnopqrstuv' }],
  ])('refuses %s with a 400 and changes nothing', async (field, change) => {
    const patient = await server.createUser('patient');
    const before = await UserModel.findById(patient.id).lean();
    const response = await server.request
      .patch('/api/users/me')
      .set('Cookie', patient.cookie)
      .send({ name: 'Changed Name', ...change });
    expect(response.status).toBe(400);
    expect(response.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: field })]));
    expect(await UserModel.findById(patient.id).lean()).toEqual(before);
  });
});

describe('doctor availability', () => {
  it('a doctor goes away and comes back; a patient may not set it', async () => {
    const doctor = await server.createUser('doctor');
    const away = await server.request.patch('/api/users/me/availability').set('Cookie', doctor.cookie).send({ available: false });
    expect(away.status).toBe(200);
    expect(away.body.user.available).toBe(false);
    expect(await UserModel.findById(doctor.id).lean()).toMatchObject({ available: false });
    expect(
      (await server.request.patch('/api/users/me/availability').set('Cookie', doctor.cookie).send({ available: 'yes' })).status,
    ).toBe(400);

    const patient = await server.createUser('patient');
    expect(
      (await server.request.patch('/api/users/me/availability').set('Cookie', patient.cookie).send({ available: true })).status,
    ).toBe(403);
  });
});

describe('signed out', () => {
  it('sees nothing', async () => {
    expect((await server.request.get('/api/users')).status).toBe(401);
    expect((await server.request.patch('/api/users/me').send({ name: 'X' })).status).toBe(401);
  });
});
