import type { ClientToServerEvents, ServerToClientEvents } from '@telehealth/shared';
import mongoose from 'mongoose';
import { io as connectClient, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChildBackend, loginTo, startRedis, type ChildBackend } from './child-backend.js';
import { dropTestDatabase, testDatabaseUri } from './database.js';
import { SEED_PASSWORD, seedConsultation, seedUser } from './seed.js';
import { fetchSocketTicket } from './socket-ticket.js';
import { eventMatching, nextEvent } from './test-server.js';

/*
 * Two backend processes on different ports, one Redis, one database: a patient on instance A and
 * their doctor on instance B must not notice that they are on different servers.
 */

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
const uri = testDatabaseUri();
let redis: Awaited<ReturnType<typeof startRedis>>;
let instanceA: ChildBackend;
let instanceB: ChildBackend;
const people = {
  patient: { id: '', email: 'scale-patient@test.local', cookie: '' },
  doctor: { id: '', email: 'scale-doctor@test.local', cookie: '' },
};
const sockets: Client[] = [];

async function connect(url: string, cookie: string): Promise<Client> {
  const ticket = await fetchSocketTicket(url, cookie);
  const socket: Client = connectClient(url, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    auth: { ticket },
  });
  sockets.push(socket);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

function emitWithAck<E extends keyof ClientToServerEvents>(
  socket: Client,
  event: E,
  payload: Parameters<ClientToServerEvents[E]>[0],
) {
  return new Promise((resolve) =>
    (socket.emit as (event: string, payload: unknown, ack: (result: unknown) => void) => void)(event, payload, resolve),
  );
}

async function post(url: string, path: string, cookie: string, body: unknown) {
  const response = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-requested-with': 'XMLHttpRequest', cookie },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json().catch(() => null)) as Record<string, unknown> | null };
}

async function get(url: string, path: string, cookie: string) {
  const response = await fetch(`${url}${path}`, { headers: { cookie } });
  return { status: response.status, body: (await response.json().catch(() => null)) as Record<string, unknown> | null };
}

beforeAll(async () => {
  redis = await startRedis();
  await mongoose.connect(uri);
  for (const role of ['patient', 'doctor'] as const)
    people[role].id = await seedUser({ name: `Scale ${role}`, email: people[role].email, role });
  await seedConsultation(people.patient.id, people.doctor.id, 'two servers');
  const env = { MONGODB_URI: uri, REDIS_URL: redis.url, LOGIN_MAX_ATTEMPTS: '4' };
  [instanceA, instanceB] = await Promise.all([startChildBackend({ env }), startChildBackend({ env })]);
  people.patient.cookie = await loginTo(instanceA.url, people.patient.email, SEED_PASSWORD);
  people.doctor.cookie = await loginTo(instanceB.url, people.doctor.email, SEED_PASSWORD);
}, 90_000);

afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await Promise.all([instanceA?.stop(), instanceB?.stop()]);
  await redis?.stop();
  await mongoose.disconnect();
  await dropTestDatabase(uri);
});

/** A handshake with exactly this ticket: connected, or the refusal's message. */
function handshakeWith(url: string, ticket: string | undefined): Promise<string> {
  const socket: Client = connectClient(url, { transports: ['websocket'], reconnection: false, forceNew: true, auth: { ticket } });
  sockets.push(socket);
  return new Promise((resolve) => {
    socket.once('connect', () => resolve('connected'));
    socket.once('connect_error', (error) => resolve(error.message));
  });
}

describe('two instances behind one Redis', () => {
  it('takes a socket ticket issued by one instance on the other, once (the proxy and the socket may reach different ones)', async () => {
    const ticket = await fetchSocketTicket(instanceA.url, people.patient.cookie);
    expect(await handshakeWith(instanceB.url, ticket)).toBe('connected');
    expect(await handshakeWith(instanceA.url, ticket)).toBe('UNAUTHENTICATED');
    expect(await handshakeWith(instanceB.url, ticket)).toBe('UNAUTHENTICATED');
  });

  it('carries presence, messages both ways and a call between a patient on A and a doctor on B', async () => {
    const patient = await connect(instanceA.url, people.patient.cookie);
    const seeDoctor = nextEvent(patient, 'presence', 5_000);
    const doctor = await connect(instanceB.url, people.doctor.cookie);
    expect(await seeDoctor).toEqual({ userId: people.doctor.id, online: true });
    const lateList = await connect(instanceA.url, people.patient.cookie).then((socket) =>
      nextEvent(socket, 'onlineUsers', 5_000),
    );
    expect(lateList).toContain(people.doctor.id);

    const toDoctor = nextEvent(doctor, 'newMessage', 5_000);
    const sent = await post(instanceA.url, `/api/messages/${people.doctor.id}`, people.patient.cookie, {
      text: 'hello from A',
      clientId: 'scale-msg-0001',
    });
    expect(sent.status).toBe(201);
    expect(await toDoctor).toEqual(sent.body!['message']);

    const toPatient = nextEvent(patient, 'newMessage', 5_000);
    const reply = await post(instanceB.url, `/api/messages/${people.patient.id}`, people.doctor.cookie, {
      text: 'hello from B',
      clientId: 'scale-msg-0002',
    });
    expect(reply.status).toBe(201);
    expect(await toPatient).toEqual(reply.body!['message']);

    const ringing = nextEvent(patient, 'call-made', 5_000);
    const offer = { type: 'offer' as const, sdp: 'v=0 fake offer' };
    expect(
      await emitWithAck(doctor, 'call-user', { to: people.patient.id, callId: 'scale-call-0001', offer, video: true }),
    ).toEqual({ ok: true });
    expect((await ringing).callId).toBe('scale-call-0001');
    // Busy is known on both instances.
    expect(
      await emitWithAck(patient, 'call-user', { to: people.doctor.id, callId: 'scale-call-0002', offer, video: true }),
    ).toMatchObject({ ok: false, error: { code: 'BUSY' } });

    const answered = nextEvent(doctor, 'call-answered', 5_000);
    expect(
      await emitWithAck(patient, 'answer-call', {
        callId: 'scale-call-0001',
        answer: { type: 'answer', sdp: 'v=0 fake answer' },
      }),
    ).toEqual({ ok: true });
    expect((await answered).answer.sdp).toBe('v=0 fake answer');

    const candidateAtPatient = nextEvent(patient, 'ice-candidate', 5_000);
    await emitWithAck(doctor, 'ice-candidate', {
      callId: 'scale-call-0001',
      candidate: { candidate: 'candidate:1 1 udp 1 127.0.0.1 9 typ host', sdpMid: '0', sdpMLineIndex: 0 },
    });
    expect((await candidateAtPatient).candidate.candidate).toContain('candidate:1');
    const candidateAtDoctor = nextEvent(doctor, 'ice-candidate', 5_000);
    await emitWithAck(patient, 'ice-candidate', {
      callId: 'scale-call-0001',
      candidate: { candidate: 'candidate:2 1 udp 1 127.0.0.1 9 typ host', sdpMid: '0', sdpMLineIndex: 0 },
    });
    expect((await candidateAtDoctor).candidate.candidate).toContain('candidate:2');

    const endedAtPatient = nextEvent(patient, 'call-ended', 5_000);
    const endedAtDoctor = nextEvent(doctor, 'call-ended', 5_000);
    expect(await emitWithAck(doctor, 'call-end', { callId: 'scale-call-0001' })).toEqual({ ok: true });
    expect((await endedAtPatient).reason).toBe('hangup');
    expect((await endedAtDoctor).reason).toBe('hangup');
  }, 40_000);

  it('a patient waiting on A hears their new place when a doctor on B takes the one ahead of them', async () => {
    for (const place of ['ahead', 'behind'])
      await seedUser({ name: `Scale ${place}`, email: `scale-${place}@test.local`, role: 'patient' });
    const aheadCookie = await loginTo(instanceA.url, 'scale-ahead@test.local', SEED_PASSWORD);
    const behindCookie = await loginTo(instanceA.url, 'scale-behind@test.local', SEED_PASSWORD);
    const behindSocket = await connect(instanceA.url, behindCookie);
    // The patient ahead asks through A with a tab open on B: B tells them their place from its own line.
    const aheadOnB = await connect(instanceB.url, aheadCookie);
    // Across instances (through Redis) a little more time than in one process.
    const aheadToldOnB = eventMatching(aheadOnB, 'consultationUpdated', (update) => update.status === 'waiting', 5_000);
    // The doctor has a tab on A too: A tells its own doctors from its own copy of the line.
    const doctorOnA = await connect(instanceA.url, people.doctor.cookie);

    const first = await post(instanceA.url, '/api/consultations', aheadCookie, { reason: 'first in line' });
    const second = await post(instanceA.url, '/api/consultations', behindCookie, { reason: 'second in line' });
    expect([first.status, second.status]).toEqual([201, 201]);
    const [firstId, secondId] = [first, second].map(({ body }) => (body!['consultation'] as { id: string }).id);
    expect(second.body!['consultation']).toMatchObject({ position: 2 });
    expect(await aheadToldOnB).toMatchObject({ id: firstId, position: 1 });

    const movedUp = eventMatching(behindSocket, 'consultationUpdated', (update) => update.position === 1, 5_000);
    const queueOnA = eventMatching(
      doctorOnA,
      'queueUpdated',
      ({ consultations }) => consultations.every((item) => item.id !== firstId),
      5_000,
    );
    expect((await post(instanceB.url, `/api/consultations/${firstId}/accept`, people.doctor.cookie, {})).status).toBe(200);
    expect(await movedUp).toMatchObject({ id: secondId, status: 'waiting', position: 1 });
    expect((await queueOnA).consultations.map((item) => item.id)).toEqual([secondId]);

    // Both instances hold the same line.
    for (const instance of [instanceA, instanceB]) {
      const queue = await get(instance.url, '/api/consultations/queue', people.doctor.cookie);
      expect(queue.body!['consultations']).toEqual([expect.objectContaining({ id: secondId, position: 1 })]);
    }
    // The doctor is left online on B only, for the scenario after next.
    const gone = new Promise((resolve) => doctorOnA.once('disconnect', resolve));
    doctorOnA.disconnect();
    await gone;
  }, 30_000);

  it('counts failed logins across both instances together', async () => {
    const email = people.patient.email;
    const statuses: number[] = [];
    for (const instance of [instanceA, instanceB, instanceA, instanceB])
      statuses.push((await post(instance.url, '/api/auth/login', '', { email, password: 'wrong password' })).status);
    expect(statuses).toEqual([401, 401, 401, 401]);
    const limitedOnA = await post(instanceA.url, '/api/auth/login', '', { email, password: SEED_PASSWORD });
    const limitedOnB = await post(instanceB.url, '/api/auth/login', '', { email, password: SEED_PASSWORD });
    expect([limitedOnA.status, limitedOnB.status]).toEqual([429, 429]);
  });

  it('marks the doctor offline for the patient within 30 s when instance B is killed', async () => {
    const patient = await connect(instanceA.url, people.patient.cookie);
    await nextEvent(patient, 'onlineUsers', 5_000);
    const offline = new Promise<number>((resolve) => {
      patient.on('presence', (update) => {
        if (update.userId === people.doctor.id && !update.online) resolve(Date.now());
      });
    });
    const killedAt = Date.now();
    await instanceB.stop('SIGKILL');
    const seenAt = await Promise.race([
      offline,
      new Promise<number>((_resolve, reject) => setTimeout(() => reject(new Error('still online after 30 s')), 30_000)),
    ]);
    expect(seenAt - killedAt).toBeLessThan(30_000);
  }, 40_000);
});
