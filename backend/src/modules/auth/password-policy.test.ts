import bcrypt from 'bcryptjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserModel } from '../users/user.model.js';
import { startTestServer, type TestServer } from '../../../test/test-server.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

let count = 0;
const register = (password: string, email = `policy${(count += 1)}@test.local`) =>
  server.request.post('/api/auth/register').send({ name: 'Pat Example', email, password });

describe('a new password must be worth the name (NIST SP 800-63B)', () => {
  it.each(['password', '12345678', '        ', 'iloveyou12345678', 'qwertyuiop'])(
    'refuses %j at sign-up and says why',
    async (password) => {
      const response = await register(password);
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('VALIDATION_FAILED');
      expect(response.body.error.details).toEqual([
        { path: 'password', message: expect.stringMatching(/^is too easy to guess\. .+/) },
      ]);
    },
  );

  it('refuses a password made of the account’s own email', async () => {
    const response = await register('jonathan.mcallister', 'jonathan.mcallister@test.local');
    expect(response.status).toBe(400);
    expect(response.body.error.details[0].path).toBe('password');
  });

  it('accepts a passphrase of ordinary words', async () => {
    expect((await register('a good password')).status).toBe(201);
  });

  it('refuses a weak new password on a password change, keeping the old one', async () => {
    const patient = await server.createUser('patient');
    const response = await server.request
      .post('/api/auth/password')
      .set('Cookie', patient.cookie)
      .send({ currentPassword: patient.password, newPassword: 'password1' });
    expect(response.status).toBe(400);
    expect(response.body.error.details[0].path).toBe('newPassword');
    await server.login(patient.email, patient.password);
  });

  it('holds for staff accounts an admin creates and for an admin’s password reset', async () => {
    const admin = await server.createUser('admin');
    const patient = await server.createUser('patient');
    const created = await server.request
      .post('/api/admin/users')
      .set('Cookie', admin.cookie)
      .send({ name: 'Dr. New', email: 'dr.new@test.local', password: 'abc12345', role: 'doctor' });
    expect(created.status).toBe(400);
    expect(created.body.error.details[0].path).toBe('password');
    expect(await UserModel.exists({ email: 'dr.new@test.local' })).toBeNull();
    const reset = await server.request
      .post(`/api/admin/users/${patient.id}/password`)
      .set('Cookie', admin.cookie)
      .send({ password: '11111111' });
    expect(reset.status).toBe(400);
    expect(reset.body.error.details[0].path).toBe('password');
    await server.login(patient.email, patient.password);
  });
});

describe('every character of a long password counts', () => {
  const start = 'the whole of this sentence is my password, and I typed all of it out carefully';

  it('refuses a sign-in whose password differs only past the 72 bytes bcrypt reads', async () => {
    expect(Buffer.byteLength(start)).toBeGreaterThan(72);
    const email = 'long-password@test.local';
    expect((await register(`${start} today`, email)).status).toBe(201);
    await server.login(email, `${start} today`);
    const other = await server.request.post('/api/auth/login').send({ email, password: `${start} yesterday` });
    expect(other.status).toBe(401);
  });

  it('still signs in accounts whose hash was stored before (plain bcrypt)', async () => {
    await UserModel.create({
      name: 'Old Account',
      email: 'old-hash@test.local',
      passwordHash: bcrypt.hashSync('an old but fine password', 4),
      role: 'patient',
    });
    await server.login('old-hash@test.local', 'an old but fine password');
  });
});
