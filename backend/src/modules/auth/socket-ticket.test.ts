import { io as connectClient } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchSocketTicket } from '../../../test/socket-ticket.js';
import { disconnected, fakeClock, startTestServer, type ClientSocket, type TestServer } from '../../../test/test-server.js';
import { TICKET_TTL_MS } from './socket-ticket.js';

const clock = fakeClock();
let server: TestServer;
const opened: ClientSocket[] = [];

beforeAll(async () => {
  server = await startTestServer({}, { clock });
});
afterAll(async () => {
  for (const socket of opened) socket.disconnect();
  await server.stop();
});

/** A handshake with exactly this auth payload and no cookie: what the split deployment's socket sends. */
function handshake(
  auth: Record<string, unknown>,
  cookie?: string,
): Promise<{ connected: true; socket: ClientSocket } | { connected: false; error: string }> {
  const socket: ClientSocket = connectClient(server.url, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    auth,
    ...(cookie ? { extraHeaders: { cookie } } : {}),
  });
  opened.push(socket);
  return new Promise((resolve) => {
    socket.once('connect', () => resolve({ connected: true, socket }));
    socket.once('connect_error', (error) => resolve({ connected: false, error: error.message }));
  });
}

async function ticketFor(cookie: string): Promise<string> {
  const ticket = await fetchSocketTicket(server.url, cookie);
  if (!ticket) throw new Error('no ticket');
  return ticket;
}

describe('socket tickets', () => {
  it('opens a socket once, and never twice', async () => {
    const patient = await server.createUser('patient');
    const ticket = await ticketFor(patient.cookie);
    expect(await handshake({ ticket })).toMatchObject({ connected: true });
    expect(await handshake({ ticket })).toEqual({ connected: false, error: 'UNAUTHENTICATED' });
  });

  it('refuses a ticket past its lifetime', async () => {
    const patient = await server.createUser('patient');
    const ticket = await ticketFor(patient.cookie);
    clock.advance(TICKET_TTL_MS + 1_000);
    expect(await handshake({ ticket })).toEqual({ connected: false, error: 'UNAUTHENTICATED' });
  });

  it('refuses a ticket whose session was revoked after it was issued', async () => {
    const patient = await server.createUser('patient');
    const ticket = await ticketFor(patient.cookie);
    expect((await server.request.post('/api/auth/logout').set('Cookie', patient.cookie)).status).toBe(204);
    expect(await handshake({ ticket })).toEqual({ connected: false, error: 'UNAUTHENTICATED' });
  });

  it('refuses a handshake without a ticket, even with a valid session cookie', async () => {
    const patient = await server.createUser('patient');
    expect(await handshake({}, patient.cookie)).toEqual({ connected: false, error: 'UNAUTHENTICATED' });
  });

  it('refuses forged tickets: made up, a session token, or one signed with the session key', async () => {
    const patient = await server.createUser('patient');
    const sessionToken = patient.cookie.replace(/^jwt=/, '');
    const ticket = await ticketFor(patient.cookie);
    const [header, payload] = ticket.split('.');
    for (const forged of ['x', sessionToken, `${header}.${payload}.${sessionToken.split('.')[2]}`, { ticket }, 42])
      expect(await handshake({ ticket: forged })).toEqual({ connected: false, error: 'UNAUTHENTICATED' });
    // and a ticket is no session cookie either
    expect((await server.request.get('/api/auth/me').set('Cookie', `jwt=${ticket}`)).status).toBe(401);
  });

  it('is only for a signed-in session, and only through the CSRF-checked API', async () => {
    expect((await server.request.post('/api/auth/socket-ticket')).status).toBe(401);
    const patient = await server.createUser('patient');
    expect((await server.request.raw.post('/api/auth/socket-ticket').set('Cookie', patient.cookie)).status).toBe(403);
    const answer = await server.request.post('/api/auth/socket-ticket').set('Cookie', patient.cookie);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ ticket: expect.any(String), expiresInSeconds: TICKET_TTL_MS / 1000, socketUrl: null });
  });

  it('ends the socket a ticket opened when its session is revoked', async () => {
    const patient = await server.createUser('patient');
    const opened = await handshake({ ticket: await ticketFor(patient.cookie) });
    if (!opened.connected) throw new Error(opened.error);
    const gone = disconnected(opened.socket, 1_000);
    expect((await server.request.post('/api/auth/logout').set('Cookie', patient.cookie)).status).toBe(204);
    await gone;
  });
});
