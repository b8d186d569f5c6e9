import mongoose from 'mongoose';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SEED_PASSWORD, seedUser } from '../../../test/seed.js';
import { startTestServer, type TestServer } from '../../../test/test-server.js';

/*
 * A burst of logins takes turns (auth.service.ts `loginTurn`): one more login at work than the
 * hasher has workers. Without turns, fifty logins arriving together all read their accounts at
 * once, and every message arriving in that moment waits behind them (the bench's login burst).
 * Watched through mongoose's debug hook, on the real database.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

it('lets only one login more than the hasher has workers read its account before the first is signed in', async () => {
  const emails = await Promise.all(
    Array.from({ length: 10 }, async (_, index) => {
      const email = `turns-${index}@login-turns.test`;
      await seedUser({ name: `Turns ${index}`, email, role: 'patient' });
      return email;
    }),
  );
  const events: string[] = [];
  mongoose.set('debug', (collection: string, method: string) => {
    if (collection === 'accountemails' && method === 'findOne') events.push('account read');
    if (collection === 'sessions' && method === 'insertOne') events.push('signed in');
  });
  let statuses: number[] = [];
  try {
    const answers = await Promise.all(
      emails.map((email) => server.request.post('/api/auth/login').send({ email, password: SEED_PASSWORD })),
    );
    statuses = answers.map((answer) => answer.status);
  } finally {
    mongoose.set('debug', false);
  }
  expect(statuses).toEqual(emails.map(() => 200));
  const firstSignedIn = events.indexOf('signed in');
  expect(firstSignedIn).toBeGreaterThan(0);
  expect(events.slice(0, firstSignedIn).filter((event) => event === 'account read')).toHaveLength(
    server.context.passwords.workers + 1,
  );
  expect(events.filter((event) => event === 'signed in')).toHaveLength(emails.length);
});
