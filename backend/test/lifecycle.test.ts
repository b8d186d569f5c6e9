import fs from 'node:fs';
import path from 'node:path';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MessageModel } from '../src/modules/messages/message.model.js';
import { loginTo, repoRoot, startChildBackend } from './child-backend.js';
import { dropTestDatabase, testDatabaseUri, withDatabaseName } from './database.js';
import { SEED_PASSWORD, seedConsultation, seedUser } from './seed.js';

/* How the process starts in production and how it stops on a deploy. */

const uri = testDatabaseUri();
const people = { patient: { id: '', email: 'life-patient@test.local' }, doctor: { id: '', email: 'life-doctor@test.local' } };

beforeAll(async () => {
  await mongoose.connect(uri);
  for (const role of ['patient', 'doctor'] as const)
    people[role].id = await seedUser({ name: `Life ${role}`, email: people[role].email, role });
  await seedConsultation(people.patient.id, people.doctor.id, 'deploys');
});
afterAll(async () => {
  await mongoose.disconnect();
  await dropTestDatabase(uri);
});

describe('SIGTERM during a burst of sends', () => {
  it('stores every acknowledged message and exits 0 within 10 s', async () => {
    const backend = await startChildBackend({ env: { MONGODB_URI: uri } });
    const cookie = await loginTo(backend.url, people.patient.email, SEED_PASSWORD);
    const acknowledged: string[] = [];
    const send = async (index: number) => {
      const clientId = `burst-${String(index).padStart(6, '0')}`;
      try {
        const response = await fetch(`${backend.url}/api/messages/${people.doctor.id}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-requested-with': 'XMLHttpRequest', cookie },
          body: JSON.stringify({ text: `message ${index}`, clientId }),
        });
        if (response.status === 201 || response.status === 200) acknowledged.push(clientId);
      } catch {
        // refused or cut off by the shutdown: not acknowledged, so the client would retry
      }
    };
    const senders = Array.from({ length: 8 }, async (_unused, sender) => {
      for (let index = sender; index < 400; index += 8) await send(index);
    });
    await new Promise((resolve) => setTimeout(resolve, 400));
    const signalledAt = Date.now();
    const exitCode = await backend.stop('SIGTERM');
    const tookMs = Date.now() - signalledAt;
    await Promise.all(senders);

    expect(exitCode).toBe(0);
    expect(tookMs).toBeLessThan(10_000);
    expect(acknowledged.length).toBeGreaterThan(0);
    const stored = await MessageModel.find({ clientId: mongoose.trusted({ $in: acknowledged }) }, { clientId: 1 }).lean();
    expect(stored.map((message) => message.clientId).sort()).toEqual([...acknowledged].sort());
  }, 40_000);
});

describe('NODE_ENV=production from the compiled build', () => {
  it('serves the built app with production cookies and no demo accounts', async () => {
    expect(fs.existsSync(path.join(repoRoot, 'backend/dist/server.js')), 'run npm run build first').toBe(true);
    const backend = await startChildBackend({
      compiled: true,
      env: {
        NODE_ENV: 'production',
        MONGODB_URI: withDatabaseName(uri, `${new URL(uri).pathname.slice(1)}_prod`),
        JWT_SECRET: 'a-production-secret-of-at-least-32-characters',
        SEED_DEMO: undefined,
        SERVE_FRONTEND: 'true',
      },
    });
    try {
      const page = await fetch(`${backend.url}/patient`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="root">');
      expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");

      const demo = await fetch(`${backend.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-requested-with': 'XMLHttpRequest' },
        body: JSON.stringify({ email: 'pat@demo.test', password: 'demo-patient-pass' }),
      });
      expect(demo.status).toBe(401);
      expect(backend.output()).not.toContain('Demo accounts');

      const registered = await fetch(`${backend.url}/api/auth/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-requested-with': 'XMLHttpRequest' },
        body: JSON.stringify({ name: 'Prod Patient', email: 'prod@example.com', password: 'a good password' }),
      });
      expect(registered.status).toBe(201);
      const cookie = registered.headers.getSetCookie().find((line) => line.startsWith('jwt='))!;
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/Secure/);
      // first-party in every deployment: the frontend host proxies /api (docs/deploy.md)
      expect(cookie).toMatch(/SameSite=Lax/);
    } finally {
      expect(await backend.stop('SIGTERM')).toBe(0);
    }
  }, 60_000);

  it('refuses to start in production without JWT_SECRET, naming it', async () => {
    await expect(
      startChildBackend({ compiled: true, env: { NODE_ENV: 'production', MONGODB_URI: uri, JWT_SECRET: undefined } }),
    ).rejects.toThrow(/exited with 1/);
  });
});
