import type { AdminStats, AuditAction, AuditEvent, PublicUser } from '@telehealth/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditModel } from '../audit/audit.model.js';
import { ConsultationModel } from '../consultations/consultation.model.js';
import { UserModel } from '../users/user.model.js';
import {
  disconnected,
  fakeClock,
  nextEvent,
  startTestServer,
  type TestServer,
  type TestUser,
} from '../../../test/test-server.js';
import { drained } from '../../../test/socket-events.js';

const clock = fakeClock(Date.UTC(2025, 5, 15, 12, 0, 0));
let server: TestServer;
let admin: TestUser;

beforeAll(async () => {
  server = await startTestServer({}, { clock });
  admin = await server.createUser('admin');
});
afterAll(async () => {
  await server?.stop();
});

/** How many times `action` was recorded about `targetId`. */
async function audited(action: AuditAction, targetId: string): Promise<number> {
  return AuditModel.countDocuments({ action, targetId });
}

describe('only admins', () => {
  it.each(['patient', 'doctor'] as const)('a %s is refused every admin route', async (role) => {
    const user = await server.createUser(role);
    const someone = await server.createUser('patient');
    const attempts = [
      server.request.get('/api/admin/users').set('Cookie', user.cookie),
      server.request
        .post('/api/admin/users')
        .set('Cookie', user.cookie)
        .send({ name: 'Evil', email: 'evil@example.com', password: 'a good password', role: 'admin' }),
      server.request.patch(`/api/admin/users/${someone.id}`).set('Cookie', user.cookie).send({ active: false }),
      server.request
        .post(`/api/admin/users/${someone.id}/password`)
        .set('Cookie', user.cookie)
        .send({ password: 'a new password' }),
      server.request.get('/api/admin/audit').set('Cookie', user.cookie),
      server.request.get('/api/admin/stats').set('Cookie', user.cookie),
    ];
    for (const response of await Promise.all(attempts)) expect(response.status).toBe(403);
    expect(await UserModel.exists({ email: 'evil@example.com' })).toBeNull();
    expect(await UserModel.findById(someone.id).lean()).toMatchObject({ active: true });
  });

  it('signed out is a 401', async () => {
    expect((await server.request.get('/api/admin/users')).status).toBe(401);
  });
});

describe('accounts', () => {
  it('creates a doctor who can sign in at once, recorded once; the same email again is a 409', async () => {
    const body = {
      name: 'Dr Newcomer',
      email: 'Newcomer@Clinic.test',
      password: 'a good password',
      role: 'doctor',
      specialty: 'Oncology',
    };
    const created = await server.request.post('/api/admin/users').set('Cookie', admin.cookie).send(body);
    expect(created.status).toBe(201);
    expect(created.body.user).toMatchObject({
      name: 'Dr Newcomer',
      email: 'newcomer@clinic.test',
      role: 'doctor',
      specialty: 'Oncology',
      active: true,
    });
    expect(await UserModel.findById(created.body.user.id).lean()).toMatchObject({ searchText: 'dr newcomer oncology' });
    await server.login('newcomer@clinic.test', 'a good password');
    expect(await audited('account.created', created.body.user.id)).toBe(1);
    expect(await AuditModel.findOne({ action: 'account.created', targetId: created.body.user.id }).lean()).toMatchObject({
      actorId: expect.anything(),
    });

    const again = await server.request
      .post('/api/admin/users')
      .set('Cookie', admin.cookie)
      .send({ ...body, email: 'NEWCOMER@clinic.test' });
    expect(again.status).toBe(409);
    expect(await UserModel.countDocuments({ email: 'newcomer@clinic.test' })).toBe(1);
  });

  it('never creates a patient, nor an admin with a specialty', async () => {
    const patient = await server.request
      .post('/api/admin/users')
      .set('Cookie', admin.cookie)
      .send({ name: 'P', email: 'p@clinic.test', password: 'a good password', role: 'patient' });
    expect(patient.status).toBe(400);
    const specialAdmin = await server.request
      .post('/api/admin/users')
      .set('Cookie', admin.cookie)
      .send({ name: 'A', email: 'a@clinic.test', password: 'a good password', role: 'admin', specialty: 'Everything' });
    expect(specialAdmin.status).toBe(400);
    expect(await UserModel.exists({ email: 'a@clinic.test' })).toBeNull();
  });

  it('lists every account with emails, filtered by role, active and search (email included)', async () => {
    const doctor = await server.createUser('doctor', { name: 'Dr Filterable' });
    const patient = await server.createUser('patient', { email: 'findme-by-mail@test.local' });
    await UserModel.updateOne({ _id: patient.id }, { $set: { active: false } });

    const all = await server.request.get('/api/admin/users?limit=100').set('Cookie', admin.cookie);
    expect(all.status).toBe(200);
    const listed = all.body.users as PublicUser[];
    expect(listed.find((user) => user.id === doctor.id)?.email).toBe(doctor.email);

    const doctors = (await server.request.get('/api/admin/users?role=doctor&limit=100').set('Cookie', admin.cookie)).body
      .users as PublicUser[];
    expect(doctors.every((user) => user.role === 'doctor')).toBe(true);
    const inactive = (await server.request.get('/api/admin/users?active=false&limit=100').set('Cookie', admin.cookie)).body
      .users as PublicUser[];
    expect(inactive.map((user) => user.id)).toEqual([patient.id]);
    const byMail = (await server.request.get('/api/admin/users?search=FINDME-BY').set('Cookie', admin.cookie)).body
      .users as PublicUser[];
    expect(byMail.map((user) => user.id)).toEqual([patient.id]);
    const byName = (await server.request.get('/api/admin/users?search=filterable').set('Cookie', admin.cookie)).body
      .users as PublicUser[];
    expect(byName.map((user) => user.id)).toEqual([doctor.id]);

    const first = await server.request.get('/api/admin/users?limit=1').set('Cookie', admin.cookie);
    expect(first.body.users).toHaveLength(1);
    const second = await server.request
      .get(`/api/admin/users?limit=1&cursor=${first.body.nextCursor}`)
      .set('Cookie', admin.cookie);
    expect(second.body.users[0].id).not.toBe(first.body.users[0].id);
    expect((await server.request.get('/api/admin/users?active=maybe').set('Cookie', admin.cookie)).status).toBe(400);
  });
});

describe('deactivation', () => {
  it('ends the user’s sessions at once, refuses their login, and reactivation lets them back in', async () => {
    const doctor = await server.createUser('doctor');
    const socket = await server.connect(doctor.cookie);
    const ended = nextEvent(socket, 'session-ended');

    const response = await server.request
      .patch(`/api/admin/users/${doctor.id}`)
      .set('Cookie', admin.cookie)
      .send({ active: false });
    expect(response.status).toBe(200);
    expect(response.body.user).toMatchObject({ id: doctor.id, active: false });
    // At once, from the revocation itself: the events' deadlines (3 s) are far inside the
    // session sweep's interval (15 s), so no stopwatch is needed to tell the two apart.
    expect(await ended).toEqual({ reason: 'deactivated' });
    await disconnected(socket);

    const next = await server.request.get('/api/auth/me').set('Cookie', doctor.cookie);
    expect(next.status).toBe(401);
    await expect(server.login(doctor.email, doctor.password)).rejects.toThrow(/401/);
    expect(await server.connectRefused(doctor.cookie)).toBe('UNAUTHENTICATED');

    const back = await server.request.patch(`/api/admin/users/${doctor.id}`).set('Cookie', admin.cookie).send({ active: true });
    expect(back.body.user.active).toBe(true);
    const cookie = await server.login(doctor.email, doctor.password);
    expect((await server.request.get('/api/auth/me').set('Cookie', cookie)).status).toBe(200);

    // Each admin action and the failed login, exactly once.
    expect(await audited('account.deactivated', doctor.id)).toBe(1);
    expect(await audited('account.reactivated', doctor.id)).toBe(1);
    expect(await audited('login.failure', doctor.id)).toBe(1);
    // A failed sign-in names the account tried, never a person as its author: nobody was signed in.
    const failures = await AuditModel.find({ action: 'login.failure' }).lean();
    expect(failures.length).toBeGreaterThan(0);
    expect(failures.map((event) => event.actorId)).toEqual(failures.map(() => null));
  });

  it('an admin can neither deactivate nor demote themself, and nothing changes', async () => {
    for (const change of [{ active: false }, { role: 'doctor' }, { role: 'patient', active: true }]) {
      const response = await server.request.patch(`/api/admin/users/${admin.id}`).set('Cookie', admin.cookie).send(change);
      expect(response.status).toBe(409);
      expect(response.body.error.message).toMatch(/your own account/);
    }
    expect(await UserModel.findById(admin.id).lean()).toMatchObject({ role: 'admin', active: true });
    expect((await server.request.get('/api/admin/stats').set('Cookie', admin.cookie)).status).toBe(200);
  });

  it('an unknown account is a 404, an empty change a 400', async () => {
    expect(
      (
        await server.request
          .patch('/api/admin/users/0123456789abcdef01234567')
          .set('Cookie', admin.cookie)
          .send({ active: false })
      ).status,
    ).toBe(404);
    expect((await server.request.patch(`/api/admin/users/${admin.id}`).set('Cookie', admin.cookie).send({})).status).toBe(400);
  });
});

describe('roles', () => {
  it('a new role applies to the user’s very next request, and is recorded once', async () => {
    const doctor = await server.createUser('doctor');
    const doctorSocket = await server.connect(doctor.cookie);
    expect((await server.request.get('/api/consultations/queue').set('Cookie', doctor.cookie)).status).toBe(200);
    const response = await server.request
      .patch(`/api/admin/users/${doctor.id}`)
      .set('Cookie', admin.cookie)
      .send({ role: 'admin' });
    expect(response.status).toBe(200);
    expect(response.body.user.role).toBe('admin');
    expect((await server.request.get('/api/consultations/queue').set('Cookie', doctor.cookie)).status).toBe(403);
    expect((await server.request.get('/api/admin/stats').set('Cookie', doctor.cookie)).status).toBe(200);
    expect(await audited('role.changed', doctor.id)).toBe(1);

    // Their open socket no longer hears the queue (its room follows the role).
    const queueHeard: unknown[] = [];
    doctorSocket.on('queueUpdated', (update) => queueHeard.push(update));
    const patient = await server.createUser('patient');
    await server.request
      .post('/api/consultations')
      .set('Cookie', patient.cookie)
      .send({ reason: 'Queue for doctors only' })
      .expect(201);
    // The request is answered after its queue broadcast was sent (afterChange awaits it): once
    // everything queued for this socket has arrived, a queueUpdated for it would be among it.
    await drained(doctorSocket);
    expect(queueHeard).toEqual([]);
    expect(doctorSocket.connected).toBe(true);

    // The same role again is no change, and not recorded.
    await server.request.patch(`/api/admin/users/${doctor.id}`).set('Cookie', admin.cookie).send({ role: 'admin' }).expect(200);
    expect(await audited('role.changed', doctor.id)).toBe(1);
  });
});

describe('password reset by an admin', () => {
  it('sets the password, ends the user’s sessions, and is recorded once', async () => {
    const patient = await server.createUser('patient');
    const socket = await server.connect(patient.cookie);
    const response = await server.request
      .post(`/api/admin/users/${patient.id}/password`)
      .set('Cookie', admin.cookie)
      .send({ password: 'reset by the admin' });
    expect(response.status).toBe(204);
    await disconnected(socket, 1_000);
    expect((await server.request.get('/api/auth/me').set('Cookie', patient.cookie)).status).toBe(401);
    await expect(server.login(patient.email, patient.password)).rejects.toThrow(/401/);
    await server.login(patient.email, 'reset by the admin');
    expect(await audited('password.reset', patient.id)).toBe(1);
  });

  it('refuses a short password', async () => {
    const patient = await server.createUser('patient');
    expect(
      (
        await server.request
          .post(`/api/admin/users/${patient.id}/password`)
          .set('Cookie', admin.cookie)
          .send({ password: 'short' })
      ).status,
    ).toBe(400);
  });
});

describe('the audit log', () => {
  it('lists events newest first, by cursor, with no content of anything', async () => {
    const target = await server.createUser('patient');
    await server.request.patch(`/api/admin/users/${target.id}`).set('Cookie', admin.cookie).send({ active: false }).expect(200);
    await server.request.patch(`/api/admin/users/${target.id}`).set('Cookie', admin.cookie).send({ active: true }).expect(200);

    const first = await server.request.get('/api/admin/audit?limit=2').set('Cookie', admin.cookie);
    expect(first.status).toBe(200);
    const events = first.body.events as AuditEvent[];
    expect(events.map((event) => event.action)).toEqual(['account.reactivated', 'account.deactivated']);
    expect(events[0]).toEqual({
      id: expect.any(String),
      actorId: admin.id,
      action: 'account.reactivated',
      targetId: target.id,
      at: expect.any(String),
      ip: expect.any(String),
    });

    const second = await server.request
      .get(`/api/admin/audit?limit=2&cursor=${first.body.nextCursor}`)
      .set('Cookie', admin.cookie);
    const older = second.body.events as AuditEvent[];
    expect(older).toHaveLength(2);
    expect(older[0]!.id < events[1]!.id).toBe(true);
    expect((await server.request.get('/api/admin/audit?cursor=nope').set('Cookie', admin.cookie)).status).toBe(400);
  });
});

describe('stats', () => {
  it('counts users and consultations, and averages the wait overall and per day', async () => {
    await ConsultationModel.deleteMany({});
    const day = 24 * 60 * 60 * 1000;
    const today = Date.UTC(2025, 5, 15);
    const doctor = await server.createUser('doctor');
    const patients = await Promise.all(Array.from({ length: 4 }, () => server.createUser('patient')));

    // Two yesterday (waits 60 s and 180 s, one completed), one today waiting, one 20 days ago (wait 600 s).
    const make = (
      patient: TestUser,
      createdAt: number,
      acceptedAfterMs: number | null,
      status: 'waiting' | 'active' | 'completed',
    ) =>
      ConsultationModel.create({
        patientId: patient.id,
        doctorId: acceptedAfterMs === null ? null : doctor.id,
        reason: 'Stats',
        urgency: 'routine',
        urgencyRank: 1,
        status,
        createdAt: new Date(createdAt),
        acceptedAt: acceptedAfterMs === null ? null : new Date(createdAt + acceptedAfterMs),
        completedAt: status === 'completed' ? new Date(createdAt + acceptedAfterMs! + 300_000) : null,
      });
    await make(patients[0]!, today - day + 3_600_000, 60_000, 'completed');
    await make(patients[1]!, today - day + 7_200_000, 180_000, 'active');
    await make(patients[2]!, today + 3_600_000, null, 'waiting');
    await make(patients[3]!, today - 20 * day, 600_000, 'completed');

    const response = await server.request.get('/api/admin/stats').set('Cookie', admin.cookie);
    expect(response.status).toBe(200);
    const stats = response.body as AdminStats;
    const counts = await Promise.all((['patient', 'doctor', 'admin'] as const).map((role) => UserModel.countDocuments({ role })));
    expect(stats.usersByRole).toEqual({ patient: counts[0], doctor: counts[1], admin: counts[2] });
    expect(stats.consultationsByStatus).toEqual({ waiting: 1, active: 1, completed: 2, cancelled: 0 });
    expect(stats.averageWaitSeconds).toBe(Math.round((60 + 180 + 600) / 3));

    expect(stats.consultationsPerDay).toHaveLength(14);
    expect(stats.consultationsPerDay[0]!.day).toBe('2025-06-02');
    expect(stats.consultationsPerDay.at(-1)).toEqual({ day: '2025-06-15', count: 1, averageWaitSeconds: null });
    expect(stats.consultationsPerDay.at(-2)).toEqual({ day: '2025-06-14', count: 2, averageWaitSeconds: 120 });
    expect(stats.consultationsPerDay.slice(0, -2).every((entry) => entry.count === 0 && entry.averageWaitSeconds === null)).toBe(
      true,
    );
  });
});
