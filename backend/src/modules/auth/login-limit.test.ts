import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditModel } from '../audit/audit.model.js';
import { UserModel } from '../users/user.model.js';
import { startTestServer, type TestServer, type TestUser } from '../../../test/test-server.js';

let server: TestServer;

beforeAll(async () => {
  // Three failures per account (from unknown browsers) and per device; eight per address. One
  // proxy in front, so X-Forwarded-For names the address and each scenario can have its own.
  server = await startTestServer({ LOGIN_MAX_ATTEMPTS: '3', LOGIN_MAX_ATTEMPTS_PER_IP: '8', TRUST_PROXY: '1' });
});
afterAll(async () => {
  await server?.stop();
});

let addresses = 0;
const newAddress = () => `198.51.100.${(addresses += 1)}`;

function login(user: { email: string }, password: string, from: string, deviceCookie?: string) {
  const request = server.request.post('/api/auth/login').set('X-Forwarded-For', from);
  if (deviceCookie) request.set('Cookie', deviceCookie);
  return request.send({ email: user.email, password });
}

/** The `device=...` cookie a successful login hands out. */
function deviceCookieOf(response: { headers: Record<string, unknown> }): string {
  const line = (response.headers['set-cookie'] as string[]).find((item) => item.startsWith('device='));
  if (!line) throw new Error('no device cookie');
  return line.split(';')[0]!;
}

async function failTimes(user: TestUser, times: number, from: string, deviceCookie?: string): Promise<void> {
  for (let attempt = 0; attempt < times; attempt += 1)
    expect((await login(user, 'wrong password', from, deviceCookie)).status).toBe(401);
}

describe('failed logins are limited', () => {
  it('answers 429 with Retry-After to unknown browsers once an account has failed too often, even with the right password', async () => {
    const patient = await server.createUser('patient');
    const from = newAddress();
    await failTimes(patient, 3, from);
    const limited = await login(patient, patient.password, newAddress());
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Each failed attempt is audited once; the refused one never reached the password check.
    expect(await AuditModel.countDocuments({ action: 'login.failure', targetId: patient.id })).toBe(3);
  });

  it('still signs the owner in on a browser that signed in before, whatever failed elsewhere', async () => {
    const patient = await server.createUser('patient');
    const device = deviceCookieOf(await login(patient, patient.password, newAddress()));
    await failTimes(patient, 3, newAddress());
    expect((await login(patient, patient.password, newAddress())).status).toBe(429);
    expect((await login(patient, patient.password, newAddress(), device)).status).toBe(200);
  });

  it('limits the failures of a known browser too (a stolen device cookie gives no free guesses)', async () => {
    const patient = await server.createUser('patient');
    const device = deviceCookieOf(await login(patient, patient.password, newAddress()));
    await failTimes(patient, 3, newAddress(), device);
    expect((await login(patient, patient.password, newAddress(), device)).status).toBe(429);
  });

  it('a device cookie of another account counts as an unknown browser', async () => {
    const [owner, other] = [await server.createUser('patient'), await server.createUser('patient')];
    const othersDevice = deviceCookieOf(await login(other, other.password, newAddress()));
    await failTimes(owner, 3, newAddress());
    expect((await login(owner, owner.password, newAddress(), othersDevice)).status).toBe(429);
  });

  it("one person's typos do not refuse another account's right password from the same address", async () => {
    const [typist, colleague] = [await server.createUser('patient'), await server.createUser('doctor')];
    const clinic = newAddress();
    await failTimes(typist, 3, clinic);
    expect((await login(typist, typist.password, clinic)).status).toBe(429);
    expect((await login(colleague, colleague.password, clinic)).status).toBe(200);
  });

  it('stops one address guessing across many accounts', async () => {
    const guesser = newAddress();
    const victims = await Promise.all(Array.from({ length: 3 }, () => server.createUser('patient')));
    await failTimes(victims[0]!, 3, guesser);
    await failTimes(victims[1]!, 3, guesser);
    await failTimes(victims[2]!, 2, guesser);
    const next = await server.createUser('patient');
    expect((await login(next, next.password, guesser)).status).toBe(429);
    expect((await login(next, next.password, newAddress())).status).toBe(200);
  });
});

describe('changing the password checks the current one within the same budget', () => {
  const change = (user: TestUser, currentPassword: string) =>
    server.request
      .post('/api/auth/password')
      .set('Cookie', user.cookie)
      .set('X-Forwarded-For', newAddress())
      .send({ currentPassword, newPassword: 'a brand new password' });

  it('refuses a stolen session guessing the current password after the login limit', async () => {
    const patient = await server.createUser('patient');
    const stored = (await UserModel.findById(patient.id).lean())!.passwordHash;
    for (let attempt = 0; attempt < 3; attempt += 1) expect((await change(patient, 'a guess')).status).toBe(400);
    const limited = await change(patient, patient.password);
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('RATE_LIMITED');
    expect((await UserModel.findById(patient.id).lean())!.passwordHash).toBe(stored);
  });

  it('the guesses spend the login budget too', async () => {
    const patient = await server.createUser('patient');
    for (let attempt = 0; attempt < 3; attempt += 1) expect((await change(patient, 'a guess')).status).toBe(400);
    expect((await login(patient, patient.password, newAddress())).status).toBe(429);
  });
});
