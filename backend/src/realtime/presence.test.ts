import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsultationModel } from '../modules/consultations/consultation.model.js';
import { nextEvent, startTestServer, type TestServer } from '../../test/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

describe('presence of patients waiting in the queue', () => {
  it('every doctor sees a waiting patient come online and go offline; a patient who is not waiting stays private', async () => {
    const doctor = await server.createUser('doctor');
    const waiting = await server.createUser('patient');
    const notWaiting = await server.createUser('patient');
    await ConsultationModel.create({
      patientId: waiting.id,
      reason: 'fever',
      urgency: 'urgent',
      urgencyRank: 0,
      status: 'waiting',
      createdAt: new Date(),
    });
    // Written by hand, so the line held in memory is told (the service's own writes need no call).
    await server.context.consultations.reloadQueue();
    const watcher = await server.connect(doctor.cookie);

    const seen: { userId: string; online: boolean }[] = [];
    watcher.on('presence', (update) => seen.push(update));
    await server.connect(notWaiting.cookie);
    const online = nextEvent(watcher, 'presence');
    const patientSocket = await server.connect(waiting.cookie);
    expect(await online).toEqual({ userId: waiting.id, online: true });

    const lateDoctor = await server.connect(doctor.cookie);
    const list = await nextEvent(lateDoctor, 'onlineUsers').catch(async () =>
      nextEvent(await server.connect(doctor.cookie), 'onlineUsers'),
    );
    expect(list).toContain(waiting.id);
    expect(list).not.toContain(notWaiting.id);

    const offline = nextEvent(watcher, 'presence');
    patientSocket.disconnect();
    expect(await offline).toEqual({ userId: waiting.id, online: false });
    expect(seen.some((update) => update.userId === notWaiting.id)).toBe(false);
  });
});

describe('who a patient sees online', () => {
  it('a patient connecting is told of the online doctors, never of other patients or admins', async () => {
    const doctor = await server.createUser('doctor');
    const otherPatient = await server.createUser('patient');
    const admin = await server.createUser('admin');
    const patient = await server.createUser('patient');
    await server.connect(doctor.cookie);
    await server.connect(otherPatient.cookie);
    await server.connect(admin.cookie);
    // The list follows the connection; should it beat the listener, a second tab hears it again.
    const list = await nextEvent(await server.connect(patient.cookie), 'onlineUsers').catch(async () =>
      nextEvent(await server.connect(patient.cookie), 'onlineUsers'),
    );
    expect(list).toContain(doctor.id);
    expect(list).not.toContain(otherPatient.id);
    expect(list).not.toContain(admin.id);
  });
});
