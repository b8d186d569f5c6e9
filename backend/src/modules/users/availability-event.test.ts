import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextEvent, startTestServer, type TestServer } from '../../../test/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.stop();
});

describe("a doctor's availability reaches patients live", () => {
  it('tells every connected patient when a doctor starts or stops taking patients', async () => {
    const doctor = await server.createUser('doctor');
    const patient = await server.createUser('patient');
    const socket = await server.connect(patient.cookie);
    const off = nextEvent(socket, 'doctorAvailability');
    expect(
      (await server.request.patch('/api/users/me/availability').set('Cookie', doctor.cookie).send({ available: false })).status,
    ).toBe(200);
    expect(await off).toEqual({ doctorId: doctor.id, available: false });
    const on = nextEvent(socket, 'doctorAvailability');
    await server.request.patch('/api/users/me/availability').set('Cookie', doctor.cookie).send({ available: true });
    expect(await on).toEqual({ doctorId: doctor.id, available: true });
  });
});
