import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOwnDatabase, type OwnDatabase, withDatabaseName } from '../../../test/database.js';
import { startTestServer, type TestServer, type TestUser } from '../../../test/test-server.js';

let database: OwnDatabase;
let server: TestServer;
let patient: TestUser;

beforeAll(async () => {
  database = await startOwnDatabase();
  server = await startTestServer({}, { mongoUri: withDatabaseName(database.uri, 'outage') });
  patient = await server.createUser('patient');
});
afterAll(async () => {
  await server?.close();
  await database?.dispose();
});

/** How long a request may take to be refused while the database is down. */
const FAIL_FAST_MS = 3_000;

/** The status a route answers with now, polled by the tests until it is the one expected. */
const statusOf = async (path: string, cookie = '') => (await server.request.get(path).set('Cookie', cookie)).status;

describe('a database outage', () => {
  it('is healthy while the database answers', async () => {
    const response = await server.request.get('/api/health');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok', db: 'up' });
  });

  it('answers 503 quickly while the database is down, keeps sockets up, and recovers by itself', async () => {
    const socket = await server.connect(patient.cookie);
    await database.stop();

    // Quickly: each request has a deadline well short of the driver's socket timeout (20 s), so a request
    // that waited for the database instead of failing fast would fail here.
    const health = await server.request.get('/api/health').timeout(FAIL_FAST_MS);
    expect(health.status).toBe(503);
    expect(health.body).toEqual({ status: 'degraded', db: 'down' });

    // Other routes fail fast too, with the contract's error and a hint when to retry.
    await expect.poll(() => statusOf('/api/auth/me', patient.cookie), { timeout: 3_000, interval: 100 }).toBe(503);
    const me = await server.request.get('/api/auth/me').set('Cookie', patient.cookie).timeout(FAIL_FAST_MS);
    expect(me.status).toBe(503);
    expect(me.body.error.code).toBe('DATABASE_UNAVAILABLE');
    expect(me.headers['retry-after']).toBeDefined();
    const write = await server.request
      .post('/api/auth/register')
      .send({ name: 'During Outage', email: 'outage@example.com', password: 'a good password' });
    expect(write.status).toBe(503);
    expect(socket.connected).toBe(true);

    await database.restart();
    await expect.poll(() => statusOf('/api/health'), { timeout: 15_000, interval: 100 }).toBe(200);
    await expect.poll(() => statusOf('/api/auth/me', patient.cookie), { timeout: 10_000, interval: 100 }).toBe(200);
    expect(socket.connected).toBe(true);
  }, 40_000);
});
