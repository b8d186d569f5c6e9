import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserModel } from '../users/user.model.js';
import { closedOnServer, collect, drained } from '../../../test/socket-events.js';
import {
  cookieFrom,
  disconnected,
  eventMatching,
  fakeClock,
  nextEvent,
  startTestServer,
  type TestServer,
} from '../../../test/test-server.js';

const clock = fakeClock();
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ SESSION_IDLE_MINUTES: '30' }, { clock });
});
afterAll(async () => {
  await server?.stop();
});

describe('a patient signs up, in and out', () => {
  it('registers, reads who they are, signs out, and the old cookie no longer works anywhere', async () => {
    const registered = await server.request
      .post('/api/auth/register')
      .send({ name: 'Rita Patient', email: 'Rita@Example.com', password: 'a good password' });
    expect(registered.status).toBe(201);
    expect(registered.body.user).toMatchObject({
      name: 'Rita Patient',
      role: 'patient',
      email: 'rita@example.com',
      active: true,
    });
    expect(JSON.stringify(registered.body)).not.toContain(cookieFrom(registered).slice(4));

    const cookie = await server.login('rita@example.com', 'a good password');
    const me = await server.request.get('/api/auth/me').set('Cookie', cookie);
    expect(me.status).toBe(200);
    expect(me.body.user.email).toBe('rita@example.com');
    expect(me.body.user).not.toHaveProperty('passwordHash');

    const socket = await server.connect(cookie);
    const logout = await server.request.post('/api/auth/logout').set('Cookie', cookie);
    expect(logout.status).toBe(204);
    expect(String(logout.headers['set-cookie'])).toMatch(/jwt=;/);
    await disconnected(socket);

    expect((await server.request.get('/api/auth/me').set('Cookie', cookie)).status).toBe(401);
    expect(await server.connectRefused(cookie)).toBe('UNAUTHENTICATED');
  });

  it('refuses a request without a cookie, or with a forged one', async () => {
    const none = await server.request.get('/api/auth/me');
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe('UNAUTHENTICATED');
    const forged = await server.request.get('/api/auth/me').set('Cookie', 'jwt=eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.');
    expect(forged.status).toBe(401);
  });

  it('always registers a patient, whatever role is asked for', async () => {
    const response = await server.request
      .post('/api/auth/register')
      .send({ name: 'Mallory', email: 'mallory@example.com', password: 'a good password', role: 'admin' });
    expect(response.status).toBe(400);
    expect(response.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'role' })]));
    expect(await UserModel.exists({ email: 'mallory@example.com' })).toBeNull();
  });

  it('refuses a second account with the same email (in any case)', async () => {
    const body = { name: 'Dup', email: 'dup@example.com', password: 'a good password' };
    expect((await server.request.post('/api/auth/register').send(body)).status).toBe(201);
    const again = await server.request.post('/api/auth/register').send({ ...body, email: 'DUP@example.com' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('CONFLICT');
  });

  it('eight people signing in at once each get their own account, and a wrong password among them fails alone', async () => {
    // Fewer than the per-IP limit: the limiter counts a login until its answer says it succeeded.
    const people: Awaited<ReturnType<TestServer['createUser']>>[] = [];
    for (let index = 0; index < 8; index += 1) people.push(await server.createUser(index % 3 === 0 ? 'doctor' : 'patient'));
    const answers = await Promise.all(
      people.map((person, index) =>
        server.request
          .post('/api/auth/login')
          .send({ email: person.email, password: index === 5 ? 'not the password' : person.password }),
      ),
    );
    answers.forEach((answer, index) => {
      if (index === 5) return expect(answer.status).toBe(401);
      expect(answer.status).toBe(200);
      expect(answer.body.user).toMatchObject({ id: people[index]!.id, email: people[index]!.email, role: people[index]!.role });
    });
  });
});

describe('the session cookie', () => {
  it('is httpOnly and SameSite=Lax outside production, and the token is in no body', async () => {
    const patient = await server.createUser('patient');
    const response = await server.request.post('/api/auth/login').send({ email: patient.email, password: patient.password });
    const line = (response.headers['set-cookie'] as unknown as string[]).find((item) => item.startsWith('jwt='))!;
    expect(line).toMatch(/HttpOnly/);
    expect(line).toMatch(/SameSite=Lax/);
    expect(line).not.toMatch(/Secure/);
    expect(line).toMatch(/Expires=/);
    expect(JSON.stringify(response.body)).not.toContain(line.split(';')[0]!.slice(4));
  });
});

describe('login refuses anything but two strings', () => {
  const attacks: [string, unknown][] = [
    ['$gt', { email: { $gt: '' }, password: { $gt: '' } }],
    ['$ne', { email: { $ne: null }, password: { $ne: null } }],
    ['$regex', { email: { $regex: '.*' }, password: 'x' }],
    ['$where', { email: { $where: 'return true' }, password: 'x' }],
    ['__proto__', JSON.parse('{"email":"a@b.co","password":"x","__proto__":{"admin":true}}')],
    ['an array', [{ email: 'a@b.co', password: 'x' }]],
  ];
  it.each(attacks)('a body with %s → 400 and nobody signed in', async (_name, body) => {
    await server.createUser('patient');
    const response = await server.request.post('/api/auth/login').send(body as object);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
    expect(response.headers['set-cookie']).toBeUndefined();
  });

  it('names an unknown field', async () => {
    const response = await server.request.post('/api/auth/login').send({ email: 'a@b.co', password: 'x', remember: true });
    expect(response.status).toBe(400);
    expect(response.body.error.details).toEqual([expect.objectContaining({ path: 'remember' })]);
  });

  it('says the same thing for an unknown email and a wrong password', async () => {
    const patient = await server.createUser('patient');
    const unknown = await server.request
      .post('/api/auth/login')
      .send({ email: 'nobody@example.com', password: 'whatever it is' });
    const wrong = await server.request.post('/api/auth/login').send({ email: patient.email, password: 'not the password' });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
  });
});

describe('CSRF: state changes only from the app', () => {
  it('refuses a request without X-Requested-With and changes nothing', async () => {
    const before = await UserModel.countDocuments();
    const response = await server.request.raw
      .post('/api/auth/register')
      .send({ name: 'Csrf', email: 'csrf@example.com', password: 'a good password' });
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe('CSRF_REJECTED');
    expect(await UserModel.countDocuments()).toBe(before);
  });

  it('refuses a foreign Origin even with the header, and a signed-in user stays signed in', async () => {
    const patient = await server.createUser('patient');
    const response = await server.request
      .post('/api/auth/logout')
      .set('Cookie', patient.cookie)
      .set('Origin', 'https://evil.example');
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe('CSRF_REJECTED');
    expect((await server.request.get('/api/auth/me').set('Cookie', patient.cookie)).status).toBe(200);
  });

  it('accepts an allowed Origin', async () => {
    const patient = await server.createUser('patient');
    const response = await server.request
      .post('/api/auth/logout')
      .set('Cookie', patient.cookie)
      .set('Origin', 'http://localhost:5173');
    expect(response.status).toBe(204);
  });
});

describe('the socket handshake', () => {
  it('refuses a socket without a cookie', async () => {
    expect(await server.connectRefused(undefined)).toBe('UNAUTHENTICATED');
  });

  it('refuses a socket from a foreign origin', async () => {
    const patient = await server.createUser('patient');
    const message = await server.connectRefused(patient.cookie, { origin: 'https://evil.example' });
    expect(message).not.toBe('');
  });

  it('takes identity from the token, never from ?userId', async () => {
    const doctor = await server.createUser('doctor');
    const patient = await server.createUser('patient');
    const watcher = await server.connect(doctor.cookie);
    const announced = nextEvent(watcher, 'presence');
    await server.connect(patient.cookie, { query: { userId: doctor.id } });
    // A patient appears to doctors only once they have consulted; the doctor sees nothing of a stranger.
    await expect(announced).rejects.toThrow(/no presence/);
    const otherDoctor = await server.createUser('doctor');
    const announcedDoctor = nextEvent(watcher, 'presence');
    await server.connect(otherDoctor.cookie, { query: { userId: doctor.id } });
    expect(await announcedDoctor).toEqual({ userId: otherDoctor.id, online: true });
  });

  it('keeps a user online while one of two tabs is open, and announces offline when both close', async () => {
    const patient = await server.createUser('patient');
    const doctor = await server.createUser('doctor');
    const watcher = await server.connect(patient.cookie);
    const online = nextEvent(watcher, 'presence');
    const tabOne = await server.connect(doctor.cookie);
    expect(await online).toEqual({ userId: doctor.id, online: true });
    const tabTwo = await server.connect(doctor.cookie);

    const seen = collect(watcher, 'presence');
    await closedOnServer(server, tabOne);
    // An announcement of tabOne's close would follow one read begun by now. A doctor connecting
    // now is announced after reads begun later: once that has come, and all queued before it, so
    // has anything tabOne's close sent.
    const marker = await server.createUser('doctor');
    const markerOnline = eventMatching(watcher, 'presence', (update) => update.userId === marker.id);
    await server.connect(marker.cookie);
    await markerOnline;
    await drained(watcher);
    expect(seen).toEqual([{ userId: marker.id, online: true }]);

    const offline = nextEvent(watcher, 'presence');
    tabTwo.disconnect();
    expect(await offline).toEqual({ userId: doctor.id, online: false });

    const late = await server.connect(patient.cookie);
    const list = await nextEvent(late, 'onlineUsers');
    expect(list).not.toContain(doctor.id);
  });

  it('tells a connecting user who is online among the people they may see', async () => {
    const doctor = await server.createUser('doctor');
    const stranger = await server.createUser('patient');
    await server.connect(doctor.cookie);
    await server.connect(stranger.cookie);
    const patient = await server.createUser('patient');
    const socket = server.connect(patient.cookie);
    const list = await nextEvent(await socket, 'onlineUsers').catch(() => null);
    // The list may have arrived before the listener: ask again on a fresh socket.
    const fresh = await server.connect(patient.cookie);
    const ids = list ?? (await nextEvent(fresh, 'onlineUsers'));
    expect(ids).toContain(doctor.id);
    expect(ids).not.toContain(stranger.id);
  });
});

describe('sessions end server-side', () => {
  it('a password change ends the other sessions on REST and disconnects their sockets', async () => {
    const patient = await server.createUser('patient');
    const otherSession = await server.login(patient.email, patient.password);
    const otherSocket = await server.connect(otherSession);
    const ended = nextEvent(otherSocket, 'session-ended');

    const change = await server.request
      .post('/api/auth/password')
      .set('Cookie', patient.cookie)
      .send({ currentPassword: patient.password, newPassword: 'a brand new password' });
    expect(change.status).toBe(204);
    expect(await ended).toEqual({ reason: 'revoked' });
    await disconnected(otherSocket);
    expect((await server.request.get('/api/auth/me').set('Cookie', otherSession)).status).toBe(401);
    expect((await server.request.get('/api/auth/me').set('Cookie', patient.cookie)).status).toBe(200);
    await expect(server.login(patient.email, patient.password)).rejects.toThrow(/401/);
    await server.login(patient.email, 'a brand new password');
  });

  it('a wrong current password changes nothing', async () => {
    const patient = await server.createUser('patient');
    const response = await server.request
      .post('/api/auth/password')
      .set('Cookie', patient.cookie)
      .send({ currentPassword: 'not it at all', newPassword: 'a brand new password' });
    expect(response.status).toBe(400);
    await server.login(patient.email, patient.password);
  });

  it('an idle session ends after SESSION_IDLE_MINUTES, on REST and on its sockets', async () => {
    const patient = await server.createUser('patient');
    const socket = await server.connect(patient.cookie);
    clock.advance(29 * 60_000);
    expect((await server.request.get('/api/auth/me').set('Cookie', patient.cookie)).status).toBe(200);
    clock.advance(31 * 60_000);
    const ended = nextEvent(socket, 'session-ended');
    await server.realtime.sweep();
    expect(await ended).toEqual({ reason: 'expired' });
    await disconnected(socket);
    expect((await server.request.get('/api/auth/me').set('Cookie', patient.cookie)).status).toBe(401);
  });

  it('an active session still ends SESSION_MAX_HOURS after login: activity never extends that', async () => {
    const patient = await server.createUser('patient');
    // Active every 20 minutes for 11 h 40 min: never idle.
    for (let elapsed = 0; elapsed < 11 * 60 + 40; elapsed += 20) {
      clock.advance(20 * 60_000);
      expect((await server.request.get('/api/auth/me').set('Cookie', patient.cookie)).status).toBe(200);
    }
    clock.advance(21 * 60_000);
    expect((await server.request.get('/api/auth/me').set('Cookie', patient.cookie)).status).toBe(401);
  });
});
