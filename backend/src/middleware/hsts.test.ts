import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { startTestServer, type TestServer } from '../../test/test-server.js';

/** Strict-Transport-Security pins a host to https; over plain-HTTP development it must not be sent. */

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ NODE_ENV: 'production', JWT_SECRET: 'a-production-secret-of-at-least-32-characters' });
});

afterAll(async () => {
  await server.stop();
});

describe('HSTS', () => {
  it('is sent in production, where TLS terminates in front of the app', async () => {
    const response = await server.request.get('/api/health');
    expect(response.headers['strict-transport-security']).toMatch(/max-age=31536000/);
  });

  it('is not sent outside production, which is plain HTTP', async () => {
    // The same app, built from the same context with only the environment flipped.
    const development = createApp({ ...server.context, config: { ...server.context.config, isProduction: false } });
    const response = await supertest(development).get('/api/health');
    expect(response.status).toBe(200);
    expect(response.headers['strict-transport-security']).toBeUndefined();
  });
});
