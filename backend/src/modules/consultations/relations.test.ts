import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/test-server.js';
import { UserModel } from '../users/user.model.js';
import { ConsultationModel } from './consultation.model.js';
import { consultedWith, relationBetween } from './relations.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

describe('relations, asked by many at once (a wave of sockets connecting)', () => {
  it('answers each of 80 concurrent askers with their own partners, twice over, and a new relation is seen at once', async () => {
    const doctor = await UserModel.create({
      name: 'Dr Wave',
      email: 'wave-doctor@test.local',
      passwordHash: 'x',
      role: 'doctor',
    });
    const patients = await UserModel.insertMany(
      Array.from({ length: 80 }, (_, index) => ({
        name: `Wave ${index}`,
        email: `wave${index}@test.local`,
        passwordHash: 'x',
        role: 'patient',
      })),
    );
    const consulted = patients.filter((_, index) => index % 2 === 0);
    const now = new Date();
    await ConsultationModel.insertMany(
      consulted.map((patient) => ({
        patientId: patient._id,
        doctorId: doctor._id,
        reason: 'wave',
        urgency: 'routine',
        urgencyRank: 1,
        status: 'completed',
        createdAt: now,
        acceptedAt: now,
        completedAt: now,
      })),
    );
    for (let round = 0; round < 2; round += 1) {
      const answers = await Promise.all(patients.map((patient) => consultedWith(patient._id.toString())));
      answers.forEach((partners, index) => expect([...partners]).toEqual(index % 2 === 0 ? [doctor._id.toString()] : []));
    }
    expect((await consultedWith(doctor._id.toString())).size).toBe(40);

    const late = patients[1]!;
    expect(await relationBetween(late._id.toString(), doctor._id.toString())).toEqual({ consulted: false });
    await ConsultationModel.create({
      patientId: late._id,
      doctorId: doctor._id,
      reason: 'late',
      urgency: 'routine',
      urgencyRank: 1,
      status: 'active',
      createdAt: now,
      acceptedAt: now,
    });
    expect(await relationBetween(late._id.toString(), doctor._id.toString())).toEqual({ consulted: true });
  });
});
