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
    await ConsultationModel.create({ patientId: waiting.id, reason: 'fever', urgency: 'urgent', urgencyRank: 0, status: 'waiting', createdAt: new Date() });
    const watcher = await server.connect(doctor.cookie);

    const seen: { userId: string; online: boolean }[] = [];
    watcher.on('presence', (update) => seen.push(update));
    await server.connect(notWaiting.cookie);
    const online = nextEvent(watcher, 'presence');
    const patientSocket = await server.connect(waiting.cookie);
    expect(await online).toEqual({ userId: waiting.id, online: true });

    const lateDoctor = await server.connect(doctor.cookie);
    const list = await nextEvent(lateDoctor, 'onlineUsers').catch(async () => nextEvent(await server.connect(doctor.cookie), 'onlineUsers'));
    expect(list).toContain(waiting.id);
    expect(list).not.toContain(notWaiting.id);

    const offline = nextEvent(watcher, 'presence');
    patientSocket.disconnect();
    expect(await offline).toEqual({ userId: waiting.id, online: false });
    expect(seen.some((update) => update.userId === notWaiting.id)).toBe(false);
  });
});
