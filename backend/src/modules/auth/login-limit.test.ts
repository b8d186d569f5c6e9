import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditModel } from '../audit/audit.model.js';
import { startTestServer, type TestServer } from '../../../test/test-server.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ LOGIN_MAX_ATTEMPTS: '3' });
});
afterAll(async () => {
  await server?.stop();
});

describe('failed logins are limited', () => {
  it('answers 429 with Retry-After once an account has failed too often, even from a right password', async () => {
    const patient = await server.createUser('patient');
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const response = await server.request.post('/api/auth/login').send({ email: patient.email, password: 'wrong password' });
      expect(response.status).toBe(401);
    }
    const limited = await server.request.post('/api/auth/login').send({ email: patient.email, password: patient.password });
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Each failed attempt is audited once; the refused one never reached the password check.
    expect(await AuditModel.countDocuments({ action: 'login.failure', targetId: patient.id })).toBe(3);
  });
});

