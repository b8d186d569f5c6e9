import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsultationModel } from '../consultations/consultation.model.js';
import { UserModel } from './user.model.js';
import { startTestServer, type TestServer } from '../../../test/test-server.js';
import { PNG } from '../../../test/files.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

describe('a user uploads an avatar', () => {
  it('stores a PNG, shows it on the profile, and a patient who may see that doctor loads it', async () => {
    const doctor = await server.createUser('doctor');
    const response = await server.request
      .put('/api/users/me/avatar')
      .set('Cookie', doctor.cookie)
      .attach('avatar', PNG, 'me.png');
    expect(response.status).toBe(200);
    expect(response.body.user.avatarUrl).toMatch(/^\/api\/files\/[a-f0-9]{24}$/);

    const patient = await server.createUser('patient');
    const image = await server.request.get(response.body.user.avatarUrl).set('Cookie', patient.cookie);
    expect(image.status).toBe(200);
    expect(image.headers['content-type']).toBe('image/png');
    expect(image.headers['x-content-type-options']).toBe('nosniff');
    expect((await server.request.get(response.body.user.avatarUrl)).status).toBe(401);
  });

  it('replaces the old avatar, whose file is then gone', async () => {
    const patient = await server.createUser('patient');
    const first = await server.request.put('/api/users/me/avatar').set('Cookie', patient.cookie).attach('avatar', PNG, 'one.png');
    const second = await server.request
      .put('/api/users/me/avatar')
      .set('Cookie', patient.cookie)
      .attach('avatar', PNG, 'two.png');
    expect(second.body.user.avatarUrl).not.toBe(first.body.user.avatarUrl);
    expect((await server.request.get(first.body.user.avatarUrl).set('Cookie', patient.cookie)).status).toBe(404);
  });

  it('refuses HTML named .png (415), a PDF (415), an oversized image (413) and a missing file (400), changing nothing', async () => {
    const patient = await server.createUser('patient');
    const html = await server.request
      .put('/api/users/me/avatar')
      .set('Cookie', patient.cookie)
      .attach('avatar', Buffer.from('<html><script>alert(1)</script></html>'), { filename: 'x.png', contentType: 'image/png' });
    expect(html.status).toBe(415);
    expect(html.body.error.code).toBe('UNSUPPORTED_FILE_TYPE');
    const pdf = await server.request
      .put('/api/users/me/avatar')
      .set('Cookie', patient.cookie)
      .attach('avatar', Buffer.from('%PDF-1.4\n%%EOF\n'), 'x.pdf');
    expect(pdf.status).toBe(415);
    const huge = Buffer.concat([PNG, Buffer.alloc(2 * 1024 * 1024)]);
    const tooLarge = await server.request
      .put('/api/users/me/avatar')
      .set('Cookie', patient.cookie)
      .attach('avatar', huge, 'big.png');
    expect(tooLarge.status).toBe(413);
    const missing = await server.request.put('/api/users/me/avatar').set('Cookie', patient.cookie).field('name', 'x');
    expect(missing.status).toBe(400);
    expect((await UserModel.findById(patient.id).lean())?.avatarFileId).toBeNull();
  });

  it("a patient's avatar is visible exactly to those who may see the profile: 404 for another patient and an unrelated doctor", async () => {
    const patient = await server.createUser('patient');
    const uploaded = await server.request
      .put('/api/users/me/avatar')
      .set('Cookie', patient.cookie)
      .attach('avatar', PNG, 'me.png');
    const url = uploaded.body.user.avatarUrl as string;
    const otherPatient = await server.createUser('patient');
    const unrelatedDoctor = await server.createUser('doctor');
    const theirDoctor = await server.createUser('doctor');
    const admin = await server.createUser('admin');
    await ConsultationModel.create({
      patientId: patient.id,
      doctorId: theirDoctor.id,
      reason: 'a cough',
      urgency: 'routine',
      urgencyRank: 1,
      status: 'active',
      createdAt: new Date(),
    });
    for (const outsider of [otherPatient, unrelatedDoctor]) {
      expect((await server.request.get(`/api/users/${patient.id}`).set('Cookie', outsider.cookie)).status).toBe(404);
      const image = await server.request.get(url).set('Cookie', outsider.cookie);
      expect(image.status).toBe(404);
      expect(image.body.error.code).toBe('NOT_FOUND');
    }
    for (const allowed of [patient, theirDoctor, admin])
      expect((await server.request.get(url).set('Cookie', allowed.cookie)).status).toBe(200);
  });

  it('needs the CSRF header like every other change', async () => {
    const patient = await server.createUser('patient');
    const response = await server.request.raw
      .put('/api/users/me/avatar')
      .set('Cookie', patient.cookie)
      .attach('avatar', PNG, 'me.png');
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe('CSRF_REJECTED');
  });
});
