import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.stop();
});

describe('GET /api/auth/session: who is signed in, without an error when nobody is', () => {
  it('answers 200 with no user when signed out, or when the cookie is forged or revoked', async () => {
    expect((await server.request.get('/api/auth/session')).body).toEqual({ user: null });
    const forged = await server.request.get('/api/auth/session').set('Cookie', 'jwt=not-a-token');
    expect([forged.status, forged.body]).toEqual([200, { user: null }]);
    const patient = await server.createUser('patient');
    await server.request.post('/api/auth/logout').set('Cookie', patient.cookie);
    expect((await server.request.get('/api/auth/session').set('Cookie', patient.cookie)).body).toEqual({ user: null });
  });

  it('answers with the user, email included, when signed in', async () => {
    const patient = await server.createUser('patient');
    const answer = await server.request.get('/api/auth/session').set('Cookie', patient.cookie);
    expect(answer.status).toBe(200);
    expect(answer.body.user).toMatchObject({ id: patient.id, email: patient.email, role: 'patient' });
  });
});
