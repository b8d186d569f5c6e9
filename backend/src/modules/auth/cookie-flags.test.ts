import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/test-server.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ NODE_ENV: 'production', JWT_SECRET: 'a-production-secret-of-at-least-32-characters' });
});
afterAll(async () => {
  await server?.stop();
});

describe('the session cookie in production', () => {
  it('is Secure; SameSite=Lax (first-party: the page origin serves /api in every deployment) and httpOnly', async () => {
    const patient = await server.createUser('patient');
    const response = await server.request.post('/api/auth/login').send({ email: patient.email, password: patient.password });
    expect(response.status).toBe(200);
    const line = (response.headers['set-cookie'] as unknown as string[]).find((item) => item.startsWith('jwt='))!;
    expect(line).toMatch(/HttpOnly/);
    expect(line).toMatch(/Secure/);
    expect(line).toMatch(/SameSite=Lax/);
    expect(JSON.stringify(response.body)).not.toContain(line.split(';')[0]!.slice(4));
  });
});
