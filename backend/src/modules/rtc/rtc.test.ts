import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeClock, startTestServer, type TestServer } from '../../../test/test-server.js';
import { iceServersFor, TURN_TTL_SECONDS } from './turn-credentials.js';

const TURN_SECRET = 'a-long-shared-secret-for-coturn';
const clock = fakeClock(Date.UTC(2030, 0, 1));
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer(
    {
      STUN_URLS: 'stun:stun.example.org:3478',
      TURN_URLS: 'turn:turn.example.org:3478?transport=udp,turns:turn.example.org:5349',
      TURN_SECRET,
    },
    { clock },
  );
});
afterAll(async () => {
  await server?.stop();
});

/** What coturn does with `use-auth-secret`: recompute the password from the username, and check the expiry. */
function coturnAccepts(username: string, credential: string, secret: string, nowSeconds: number): boolean {
  const expiresAt = Number(username.split(':')[0]);
  const expected = createHmac('sha1', secret).update(username).digest('base64');
  return expected === credential && expiresAt > nowSeconds;
}

describe('GET /api/rtc/ice-servers', () => {
  it('gives a signed-in user STUN, and TURN credentials that coturn would accept for the next hour only', async () => {
    const patient = await server.createUser('patient');
    const response = await server.request.get('/api/rtc/ice-servers').set('Cookie', patient.cookie);
    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');

    const { iceServers, ttlSeconds } = response.body;
    expect(ttlSeconds).toBe(TURN_TTL_SECONDS);
    expect(iceServers[0]).toEqual({ urls: ['stun:stun.example.org:3478'] });
    const turn = iceServers[1];
    expect(turn.urls).toEqual(['turn:turn.example.org:3478?transport=udp', 'turns:turn.example.org:5349']);

    const [expiry, userId] = turn.username.split(':');
    expect(userId).toBe(patient.id);
    const nowSeconds = Math.floor(clock.now() / 1000);
    expect(Number(expiry)).toBeGreaterThan(nowSeconds);
    expect(Number(expiry)).toBeLessThanOrEqual(nowSeconds + ttlSeconds);

    expect(coturnAccepts(turn.username, turn.credential, TURN_SECRET, nowSeconds)).toBe(true);
    expect(coturnAccepts(turn.username, turn.credential, 'some-other-secret-entirely', nowSeconds)).toBe(false);
    expect(coturnAccepts(turn.username.replace(patient.id, 'someone-else'), turn.credential, TURN_SECRET, nowSeconds)).toBe(
      false,
    );
    expect(coturnAccepts(turn.username, turn.credential, TURN_SECRET, nowSeconds + ttlSeconds + 1)).toBe(false);
  });

  it('refuses anyone not signed in', async () => {
    const response = await server.request.get('/api/rtc/ice-servers');
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('UNAUTHENTICATED');
  });
});

describe('iceServersFor', () => {
  it('gives STUN only when no TURN is configured', () => {
    const answer = iceServersFor('u1', { stunUrls: ['stun:a:3478'], turnUrls: [], turnSecret: undefined }, Date.now());
    expect(answer.iceServers).toEqual([{ urls: ['stun:a:3478'] }]);
  });
});
