import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserModel } from '../users/user.model.js';
import { startTestServer, type TestServer } from '../../../test/test-server.js';

/** Counts the passwords the server hashes (the expensive part of a sign-up). */
function countHashes(server: TestServer): { readonly calls: number } {
  const passwords = server.context.passwords;
  const hash = passwords.hash.bind(passwords);
  const counter = { calls: 0 };
  passwords.hash = async (password) => {
    counter.calls += 1;
    return hash(password);
  };
  return counter;
}

let server: TestServer;

beforeAll(async () => {
  // One proxy in front (TRUST_PROXY=1): X-Forwarded-For names the address, so one test process
  // can sign up from several. Five sign-ups a minute over the whole service, three per address.
  server = await startTestServer({ TRUST_PROXY: '1', SIGNUP_MAX_PER_IP_PER_HOUR: '3', SIGNUP_MAX_PER_MINUTE: '5' });
});
afterAll(async () => {
  await server?.stop();
});

let email = 0;
const signUp = (from: string, address = `signup${(email += 1)}@test.local`) =>
  server.request
    .post('/api/auth/register')
    .set('X-Forwarded-For', from)
    .send({ name: 'New Patient', email: address, password: 'a good password' });

// In this order: the service-wide budget (5 a minute) is shared by the three scenarios.
describe('sign-ups', () => {
  it('a taken email costs the same work as a new one: its password is hashed too before the 409', async () => {
    const staff = await server.createUser('doctor');
    const hashes = countHashes(server);
    const taken = await signUp('203.0.113.1', staff.email);
    expect(taken.status).toBe(409);
    expect(hashes.calls).toBe(1);
  });

  it('refuses the sign-up past the per-address limit with 429 and Retry-After, before hashing its password', async () => {
    const hashes = countHashes(server);
    for (let index = 0; index < 3; index += 1) expect((await signUp('203.0.113.2')).status).toBe(201);
    const before = await UserModel.countDocuments();
    const refused = await signUp('203.0.113.2');
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('RATE_LIMITED');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(hashes.calls).toBe(3);
    expect(await UserModel.countDocuments()).toBe(before);
  });

  it('refuses sign-ups past the service-wide limit, from a fresh address too, before hashing', async () => {
    const hashes = countHashes(server);
    // 1 + 3 counted so far (the refused one never reached this budget): one more is allowed.
    expect((await signUp('203.0.113.3')).status).toBe(201);
    const refused = await signUp('203.0.113.4');
    expect(refused.status).toBe(429);
    expect(hashes.calls).toBe(1);
  });
});
