import type { Role } from '@telehealth/shared';
import { io as connectClient, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@telehealth/shared';
import supertest from 'supertest';
import { loadConfig } from '../src/config/config.js';
import { createLogger } from '../src/lib/logger.js';
import { ConsultationModel } from '../src/modules/consultations/consultation.model.js';
import { UserModel } from '../src/modules/users/user.model.js';
import { startServer, type RunningServer, type StartOptions } from '../src/start-server.js';
import { acceptCurrentConsent } from './consent.js';
import { dropTestDatabase, testDatabaseUri } from './database.js';
import { fetchSocketTicket } from './socket-ticket.js';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface TestUser {
  id: string;
  email: string;
  password: string;
  role: Role;
  name: string;
  /** the `jwt=...` cookie of a signed-in session */
  cookie: string;
}

/** A fake clock tests move forward to pass idle and absolute timeouts without waiting. */
export function fakeClock(start = Date.now()) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

export interface TestServer extends RunningServer {
  /** supertest against the server, with the header every state-changing request must carry */
  request: ReturnType<typeof makeRequest>;
  /**
   * creates a user directly in the database and signs them in through the API; a patient has
   * accepted the current telehealth consent unless `consent: false` (backend/test/consent.ts)
   */
  createUser(
    role: Role,
    overrides?: { name?: string; email?: string; password?: string; specialty?: string; consent?: boolean },
  ): Promise<TestUser>;
  login(email: string, password: string): Promise<string>;
  /** a patient and a doctor with an active consultation between them, so they may message and call */
  consultedPair(): Promise<{ patient: TestUser; doctor: TestUser }>;
  /** a real socket.io client, connected as a page is: a ticket fetched with the cookie, then the handshake */
  connect(cookie: string | undefined, options?: { origin?: string; query?: Record<string, string> }): Promise<ClientSocket>;
  /** a client that was refused: resolves with the connect error's message */
  connectRefused(cookie: string | undefined, options?: { origin?: string }): Promise<string>;
  stop(): Promise<void>;
}

function makeRequest(url: string) {
  const agent = supertest(url);
  const withCsrf = <T extends { set(name: string, value: string): T }>(test: T) => test.set('X-Requested-With', 'XMLHttpRequest');
  return {
    get: (path: string) => agent.get(path),
    post: (path: string) => withCsrf(agent.post(path)),
    put: (path: string) => withCsrf(agent.put(path)),
    patch: (path: string) => withCsrf(agent.patch(path)),
    delete: (path: string) => withCsrf(agent.delete(path)),
    /** without the CSRF header, to test that it is required */
    raw: agent,
  };
}

export function cookieFrom(response: { headers: Record<string, unknown> }): string {
  const setCookie = response.headers['set-cookie'] as string[] | undefined;
  const jwt = setCookie?.find((line) => line.startsWith('jwt='));
  if (!jwt) throw new Error('no jwt cookie in the response');
  return jwt.split(';')[0]!;
}

let counter = 0;

/** Starts the real backend on port 0 against this test file's own database. */
export async function startTestServer(env: Record<string, string> = {}, options: StartOptions = {}): Promise<TestServer> {
  const mongoUri = testDatabaseUri();
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'false',
    BCRYPT_ROUNDS: '4',
    CORS_ORIGINS: 'http://localhost:5173',
    ...env,
  });
  const server = await startServer(config, createLogger(config.logLevel), { mongoUri, ...options });
  const request = makeRequest(server.url);
  const sockets: ClientSocket[] = [];

  async function login(email: string, password: string): Promise<string> {
    const response = await request.post('/api/auth/login').send({ email, password });
    if (response.status !== 200) throw new Error(`login failed: ${response.status} ${JSON.stringify(response.body)}`);
    return cookieFrom(response);
  }

  async function open(
    cookie: string | undefined,
    options: { origin?: string; query?: Record<string, string> } = {},
  ): Promise<ClientSocket> {
    const ticket = await fetchSocketTicket(server.url, cookie);
    const socket: ClientSocket = connectClient(server.url, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      // The cookie goes along too, as a browser on the same site would send it: it must not be
      // what opens the socket (the ticket is).
      extraHeaders: { ...(cookie ? { cookie } : {}), ...(options.origin ? { origin: options.origin } : {}) },
      ...(ticket ? { auth: { ticket } } : {}),
      ...(options.query ? { query: options.query } : {}),
    });
    sockets.push(socket);
    return socket;
  }

  async function createUser(role: Role, overrides: Parameters<TestServer['createUser']>[1] = {}): Promise<TestUser> {
    counter += 1;
    const name = overrides.name ?? `${role} ${counter}`;
    const email = overrides.email ?? `${role}${counter}-${Math.random().toString(36).slice(2, 8)}@test.local`;
    const password = overrides.password ?? 'correct horse battery';
    const user = await UserModel.create({
      name,
      email,
      passwordHash: await server.context.passwords.hash(password),
      role,
      specialty: overrides.specialty ?? '',
      available: role === 'doctor',
    });
    if (role === 'patient' && overrides.consent !== false) await acceptCurrentConsent(user._id.toString());
    return { id: user._id.toString(), email, password, role, name, cookie: await login(email, password) };
  }

  return {
    ...server,
    request,
    login,
    createUser,
    async consultedPair() {
      const patient = await createUser('patient');
      const doctor = await createUser('doctor');
      await ConsultationModel.create({
        patientId: patient.id,
        doctorId: doctor.id,
        reason: 'a rash',
        urgency: 'routine',
        urgencyRank: 1,
        status: 'active',
        createdAt: new Date(),
      });
      return { patient, doctor };
    },
    async connect(cookie, options) {
      const socket = await open(cookie, options);
      return new Promise((resolve, reject) => {
        socket.once('connect', () => resolve(socket));
        socket.once('connect_error', reject);
      });
    },
    async connectRefused(cookie, options) {
      const socket = await open(cookie, options);
      return new Promise((resolve, reject) => {
        socket.once('connect', () => reject(new Error('the socket was accepted')));
        socket.once('connect_error', (error) => resolve(error.message));
      });
    },
    async stop() {
      for (const socket of sockets) socket.disconnect();
      await server.close();
      await dropTestDatabase(mongoUri);
    },
  };
}

/** Resolves with the next `event` on the socket, or rejects after `timeoutMs`. */
export function nextEvent<E extends keyof ServerToClientEvents>(
  socket: ClientSocket,
  event: E,
  timeoutMs = 3_000,
): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, listener as never);
      reject(new Error(`no ${String(event)} within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (payload: Parameters<ServerToClientEvents[E]>[0]) => {
      clearTimeout(timer);
      resolve(payload);
    };
    socket.once(event, listener as never);
  });
}

/** The next `event` on the socket that satisfies `matches`, or a rejection after `timeoutMs`. */
export function eventMatching<E extends keyof ServerToClientEvents>(
  socket: ClientSocket,
  event: E,
  matches: (payload: Parameters<ServerToClientEvents[E]>[0]) => boolean,
  timeoutMs = 3_000,
): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  return new Promise((resolve, reject) => {
    const listener = (payload: Parameters<ServerToClientEvents[E]>[0]) => {
      if (!matches(payload)) return;
      clearTimeout(timer);
      socket.off(event, listener as never);
      resolve(payload);
    };
    const timer = setTimeout(() => {
      socket.off(event, listener as never);
      reject(new Error(`no matching ${String(event)} within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on(event, listener as never);
  });
}

/** Resolves when the socket disconnects, or rejects after `timeoutMs`. */
export function disconnected(socket: ClientSocket, timeoutMs = 3_000): Promise<string> {
  if (!socket.connected) return Promise.resolve('already disconnected');
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`still connected after ${timeoutMs} ms`)), timeoutMs);
    socket.once('disconnect', (reason) => {
      clearTimeout(timer);
      resolve(reason);
    });
  });
}
