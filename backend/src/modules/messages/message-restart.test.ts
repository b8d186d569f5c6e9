import type { ClientToServerEvents, Message, ServerToClientEvents } from '@telehealth/shared';
import mongoose from 'mongoose';
import { io as connectClient, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { freePort, loginTo, startChildBackend, TEST_ORIGIN, type ChildBackend } from '../../../test/child-backend.js';
import { dropTestDatabase, testDatabaseUri } from '../../../test/database.js';
import { SEED_PASSWORD, seedConsultation, seedUser } from '../../../test/seed.js';
import { fetchSocketTicket } from '../../../test/socket-ticket.js';
import { sleep } from '../../../test/wait.js';
import { ConversationModel, MessageModel, pairKeyOf } from './message.model.js';
import { placeMessages } from './thread-pages.js';

/*
 * The backend as a real process, killed with SIGKILL (no graceful shutdown, requests cut mid-way)
 * and started again in the middle of a conversation. Senders do what the app does: retry a failed
 * POST with the same clientId until it is acknowledged. Afterwards both sides must hold every
 * acknowledged message exactly once, in the same order.
 */

const uri = testDatabaseUri();
const origin = TEST_ORIGIN;
let port = 0;
let backend: ChildBackend | undefined;
const users: Record<'patient' | 'doctor', { id: string; email: string; cookie: string }> = {
  patient: { id: '', email: 'restart-patient@test.local', cookie: '' },
  doctor: { id: '', email: 'restart-doctor@test.local', cookie: '' },
};

const baseUrl = () => `http://127.0.0.1:${port}`;

// The same port and signing key across restarts, as in production: sessions outlive the process.
async function startBackend(): Promise<void> {
  backend = await startChildBackend({ port, env: { MONGODB_URI: uri } });
}

async function killBackend(): Promise<void> {
  await backend?.stop('SIGKILL');
}

const login = (email: string) => loginTo(baseUrl(), email, SEED_PASSWORD);

beforeAll(async () => {
  await mongoose.connect(uri);
  for (const role of ['patient', 'doctor'] as const)
    users[role].id = await seedUser({ name: `Restart ${role}`, email: users[role].email, role });
  await seedConsultation(users.patient.id, users.doctor.id, 'restart drill');
  port = await freePort();
  await startBackend();
  users.patient.cookie = await login(users.patient.email);
  users.doctor.cookie = await login(users.doctor.email);
}, 60_000);

afterAll(async () => {
  await killBackend();
  await mongoose.disconnect();
  await dropTestDatabase(uri);
});

/** The pause between a sender's retries: a client's back-off, not a wait for the backend to be back. */
const RETRY_BACKOFF_MS = 100;

/** Sends until acknowledged, with the same clientId every time, as the app's outbox does. */
async function sendUntilAcknowledged(from: 'patient' | 'doctor', text: string, clientId: string): Promise<Message> {
  const to = from === 'patient' ? users.doctor : users.patient;
  for (let attempt = 0; attempt < 400; attempt += 1) {
    try {
      const response = await fetch(`${baseUrl()}/api/messages/${to.id}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-requested-with': 'XMLHttpRequest', cookie: users[from].cookie },
        body: JSON.stringify({ text, clientId }),
      });
      if (response.status === 200 || response.status === 201) return ((await response.json()) as { message: Message }).message;
    } catch {
      // connection refused or cut: the backend is down, try again
    }
    await sleep(RETRY_BACKOFF_MS);
  }
  throw new Error(`never acknowledged: ${clientId}`);
}

async function history(as: 'patient' | 'doctor'): Promise<Message[]> {
  const partner = as === 'patient' ? users.doctor : users.patient;
  const response = await fetch(`${baseUrl()}/api/messages/${partner.id}?limit=100`, { headers: { cookie: users[as].cookie } });
  const body = (await response.json()) as { messages: Message[]; hasMore: boolean };
  expect(body.hasMore).toBe(false);
  return body.messages;
}

/**
 * The receiving app: live `newMessage` events, plus a catch-up with `after` on every (re)connect,
 * kept by id, so whatever arrives twice is kept once.
 */
function receivingApp(as: 'patient' | 'doctor') {
  const partner = as === 'patient' ? users.doctor : users.patient;
  const held = new Map<string, Message>();
  let lastId: string | undefined;
  const keep = (message: Message) => void held.set(message.id, message);
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connectClient(baseUrl(), {
    transports: ['websocket'],
    extraHeaders: { origin },
    // A fresh ticket for every attempt, as the page does: each one opens one handshake.
    auth: (give) => void fetchSocketTicket(baseUrl(), users[as].cookie, origin).then((ticket) => give({ ticket })),
    reconnectionDelay: 100,
    reconnectionDelayMax: 300,
  });
  socket.on('newMessage', keep);
  socket.on('connect', () => {
    void (async () => {
      for (;;) {
        const query = new URLSearchParams({ limit: '100', ...(lastId ? { after: lastId } : {}) });
        const response = await fetch(`${baseUrl()}/api/messages/${partner.id}?${query.toString()}`, {
          headers: { cookie: users[as].cookie },
        });
        if (!response.ok) return;
        const page = (await response.json()) as { messages: Message[]; hasMore: boolean };
        for (const message of page.messages) keep(message);
        // Catch up from the end of the last page the server answered, which is complete up to
        // there, not from the last live event (events of concurrent sends may arrive out of order).
        lastId = page.messages.at(-1)?.id ?? lastId;
        if (!page.hasMore) return;
      }
    })().catch(() => undefined);
  });
  return { held, close: () => socket.disconnect() };
}

it('a backend killed with SIGKILL mid-conversation loses no acknowledged message and doubles none', async () => {
  const patientApp = receivingApp('patient');
  const doctorApp = receivingApp('doctor');
  const acknowledged: Message[] = [];
  let restart: Promise<void> | undefined;

  // Each side sends 25 messages, three at a time; the backend dies when 15 have been acknowledged.
  const side = async (from: 'patient' | 'doctor') => {
    const queue = Array.from({ length: 25 }, (_, index) => index);
    const worker = async () => {
      for (let index = queue.shift(); index !== undefined; index = queue.shift()) {
        acknowledged.push(await sendUntilAcknowledged(from, `${from} says ${index}`, `restart-${from}-${index}`));
        if (acknowledged.length === 15) restart ??= killBackend().then(startBackend);
      }
    };
    await Promise.all([worker(), worker(), worker()]);
  };
  await Promise.all([side('patient'), side('doctor')]);
  expect(restart, 'the backend was killed and restarted mid-exchange').toBeDefined();
  await restart;

  expect(acknowledged).toHaveLength(50);
  const acknowledgedIds = new Set(acknowledged.map((message) => message.id));
  expect(acknowledgedIds.size).toBe(50);

  const seenByPatient = await history('patient');
  const seenByDoctor = await history('doctor');
  expect(seenByPatient.map((message) => message.id)).toEqual(seenByDoctor.map((message) => message.id));
  expect(seenByPatient).toHaveLength(50);
  expect(new Set(seenByPatient.map((message) => message.id))).toEqual(acknowledgedIds);
  expect(new Set(seenByPatient.map((message) => message.clientId)).size).toBe(50);

  // The apps that stayed open hold the same 50, once each, however they got them.
  await expect.poll(() => new Set(patientApp.held.keys()), { timeout: 10_000 }).toEqual(acknowledgedIds);
  await expect.poll(() => new Set(doctorApp.held.keys()), { timeout: 10_000 }).toEqual(acknowledgedIds);
  patientApp.close();
  doctorApp.close();
}, 120_000);

interface ConversationEntry {
  user: { id: string };
  lastMessage: Message | null;
}

async function conversationList(as: 'patient' | 'doctor'): Promise<ConversationEntry[]> {
  const response = await fetch(`${baseUrl()}/api/messages/conversations`, { headers: { cookie: users[as].cookie } });
  return ((await response.json()) as { conversations: ConversationEntry[] }).conversations;
}

it('after a crash between a message and its conversation row, the list shows that message once restarted', async () => {
  // A second doctor whose conversation is the patient's most recent one, row and all.
  const otherId = await seedUser({ name: 'Restart other doctor', email: 'restart-other@test.local', role: 'doctor' });
  await seedConsultation(users.patient.id, otherId, 'second opinion');
  const otherClientId = `restart-other-${Date.now()}`;
  const response = await fetch(`${baseUrl()}/api/messages/${otherId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-requested-with': 'XMLHttpRequest', cookie: users.patient.cookie },
    body: JSON.stringify({ text: 'to the other doctor', clientId: otherClientId }),
  });
  expect(response.status).toBe(201);
  await killBackend();

  // The crash window, made deterministic: the doctor's message is stored with its place in the
  // thread's page rows (both written in the thread's line), its row is not moved on (written behind).
  const pairKey = pairKeyOf(users.patient.id, users.doctor.id);
  const last = await MessageModel.findOne({ pairKey }).sort({ seq: -1 }).lean();
  expect(last, 'the first test left a thread').not.toBeNull();
  const stranded = await MessageModel.create({
    pairKey,
    seq: last!.seq + 1,
    clientId: `stranded-${Date.now()}`,
    kind: 'text',
    text: 'stored just before the crash',
    senderId: users.doctor.id,
    receiverId: users.patient.id,
    createdAt: new Date(),
  });
  await placeMessages([stranded]);
  expect((await ConversationModel.findById(pairKey).lean())?.lastSeq).toBe(last!.seq);

  await startBackend();
  // The heal runs in the background at start-up; the list is right once it has (a moment here).
  const order = async () => (await conversationList('patient')).map((entry) => [entry.user.id, entry.lastMessage?.id]);
  await expect.poll(order, { timeout: 10_000 }).toEqual([
    [users.doctor.id, stranded._id.toString()],
    [otherId, expect.any(String)],
  ]);
  expect((await ConversationModel.findById(pairKey).lean())?.lastSeq).toBe(last!.seq + 1);
}, 60_000);
