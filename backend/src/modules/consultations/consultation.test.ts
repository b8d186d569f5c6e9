import type { Consultation } from '@telehealth/shared';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { UserModel } from '../users/user.model.js';
import {
  eventMatching,
  disconnected,
  fakeClock,
  startTestServer,
  type TestServer,
  type TestUser,
} from '../../../test/test-server.js';
import { ConsultationModel } from './consultation.model.js';
import { collect, drained } from '../../../test/socket-events.js';

const clock = fakeClock();
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({}, { clock });
});
afterAll(async () => {
  await server?.stop();
});
// Every scenario starts with an empty queue, so positions are the scenario's own. The rows are
// deleted by hand, which the waiting line the server holds only sees when it re-reads.
beforeEach(async () => {
  await ConsultationModel.deleteMany({});
  await server.context.consultations.reloadQueue();
});

/** Every `event` the socket receives from now on (read after `drained`: then nothing sent is still on its way). */
const record = collect;

async function open(patient: TestUser, body: object = { reason: 'A persistent cough' }): Promise<Consultation> {
  const response = await server.request.post('/api/consultations').set('Cookie', patient.cookie).send(body);
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.consultation as Consultation;
}

async function mine(user: TestUser): Promise<Consultation[]> {
  const response = await server.request.get('/api/consultations').set('Cookie', user.cookie);
  expect(response.status).toBe(200);
  return response.body.consultations as Consultation[];
}

async function queueOf(doctor: TestUser): Promise<Consultation[]> {
  const response = await server.request.get('/api/consultations/queue').set('Cookie', doctor.cookie);
  expect(response.status).toBe(200);
  return response.body.consultations as Consultation[];
}

describe('a consultation from request to notes', () => {
  it('a patient asks, a doctor takes it and completes it with notes, and the patient reads them', async () => {
    const patient = await server.createUser('patient');
    const doctor = await server.createUser('doctor');
    const patientSocket = await server.connect(patient.cookie);

    const requested = await open(patient, { reason: 'Rash on my arm', urgency: 'routine' });
    expect(requested).toMatchObject({
      status: 'waiting',
      position: 1,
      estimatedWaitSeconds: null,
      doctor: null,
      requestedDoctorId: null,
      reason: 'Rash on my arm',
      urgency: 'routine',
    });
    expect(requested.patient).toMatchObject({ id: patient.id, name: patient.name, role: 'patient' });
    expect(requested.patient).not.toHaveProperty('email');

    const [queued] = await queueOf(doctor);
    expect(queued).toMatchObject({ id: requested.id, position: 1, patientOnline: true });

    const accepted = eventMatching(patientSocket, 'consultationUpdated', (update) => update.status === 'active');
    const accept = await server.request.post(`/api/consultations/${requested.id}/accept`).set('Cookie', doctor.cookie);
    expect(accept.status).toBe(200);
    expect(accept.body.consultation).toMatchObject({ status: 'active', doctor: { id: doctor.id } });
    expect(accept.body.consultation).not.toHaveProperty('position');
    expect((await accepted).doctor?.id).toBe(doctor.id);
    expect(await mine(doctor)).toEqual([expect.objectContaining({ id: requested.id, status: 'active' })]);

    clock.advance(10 * 60_000);
    const complete = await server.request
      .post(`/api/consultations/${requested.id}/complete`)
      .set('Cookie', doctor.cookie)
      .send({ notes: 'Hydrocortisone cream twice a day.' });
    expect(complete.status).toBe(200);
    expect(complete.body.consultation).toMatchObject({ status: 'completed', notes: 'Hydrocortisone cream twice a day.' });
    expect(await mine(patient)).toEqual([
      expect.objectContaining({ id: requested.id, status: 'completed', notes: 'Hydrocortisone cream twice a day.' }),
    ]);

    // The one completed consultation took ten minutes: the next two patients are told 10 and 20.
    const first = await open(await server.createUser('patient'));
    const second = await open(await server.createUser('patient'));
    expect(first).toMatchObject({ position: 1, estimatedWaitSeconds: 600 });
    expect(second).toMatchObject({ position: 2, estimatedWaitSeconds: 1200 });
  });

  it('keeps a patient’s seat while their socket drops and comes back', async () => {
    const ahead = await server.createUser('patient');
    const patient = await server.createUser('patient');
    const doctor = await server.createUser('doctor');
    await open(ahead);
    const socket = await server.connect(patient.cookie);
    const requested = await open(patient);
    expect(requested.position).toBe(2);
    // A waiting patient's presence goes to every doctor: the doctor hears them leave.
    const doctorSocket = await server.connect(doctor.cookie);
    const gone = eventMatching(doctorSocket, 'presence', (change) => change.userId === patient.id && !change.online);

    socket.disconnect();
    await gone;
    expect((await queueOf(doctor)).find((item) => item.id === requested.id)).toMatchObject({
      status: 'waiting',
      position: 2,
      patientOnline: false,
    });

    await server.connect(patient.cookie);
    expect(await mine(patient)).toEqual([expect.objectContaining({ id: requested.id, status: 'waiting', position: 2 })]);
    expect((await queueOf(doctor)).find((item) => item.id === requested.id)).toMatchObject({ position: 2, patientOnline: true });
  });
});

describe('two doctors at once', () => {
  it('20 rounds: each time exactly one doctor wins and the other is told 409', async () => {
    const doctorA = await server.createUser('doctor');
    const doctorB = await server.createUser('doctor');
    for (let round = 0; round < 20; round += 1) {
      const patient = await server.createUser('patient');
      const { id } = await open(patient);
      const answers = await Promise.all(
        [doctorA, doctorB].map((doctor) => server.request.post(`/api/consultations/${id}/accept`).set('Cookie', doctor.cookie)),
      );
      expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
      const winner = answers[0]!.status === 200 ? doctorA : doctorB;
      const stored = await ConsultationModel.findById(id).lean();
      expect(stored).toMatchObject({ status: 'active' });
      expect(stored!.doctorId!.toString()).toBe(winner.id);
    }
  });
});

describe('the queue, live', () => {
  it('puts the urgent request first for every doctor, and tells each patient when their place moves', async () => {
    const doctorA = await server.createUser('doctor');
    const doctorB = await server.createUser('doctor');
    const doctorSockets = await Promise.all([doctorA, doctorB].map((doctor) => server.connect(doctor.cookie)));
    const doctorsHeard = doctorSockets.map((socket) => record(socket, 'queueUpdated'));
    const patients = await Promise.all(Array.from({ length: 5 }, () => server.createUser('patient')));
    const sockets = await Promise.all(patients.map((patient) => server.connect(patient.cookie)));

    const consultations: Consultation[] = [];
    for (const [index, patient] of patients.entries()) {
      clock.advance(1_000);
      consultations.push(await open(patient, { reason: `Reason number ${index}`, urgency: index === 4 ? 'urgent' : 'routine' }));
    }
    const [c0, c1, c2, c3, urgent] = consultations as [Consultation, Consultation, Consultation, Consultation, Consultation];
    const order = [urgent, c0, c1, c2, c3].map((item) => item.id);

    // Doctors were told without asking, once per request, urgent first as soon as it came. Each
    // broadcast went out before its request was answered; `drained` waits until they all arrived.
    await Promise.all(doctorSockets.map((socket) => drained(socket)));
    for (const heard of doctorsHeard) {
      expect(heard.map(({ consultations: list }) => list.length)).toEqual([1, 2, 3, 4, 5]);
      expect(heard.at(-1)!.consultations.map((item) => item.id)).toEqual(order);
    }
    for (const doctor of [doctorA, doctorB]) expect((await queueOf(doctor)).map((item) => item.id)).toEqual(order);
    for (const [index, patient] of patients.entries()) {
      expect((await mine(patient))[0]!.position).toBe(index === 4 ? 1 : index + 2);
    }

    // The urgent one is taken: everyone else moves up one, and is told so.
    const doctorsTold = doctorSockets.map((socket) =>
      eventMatching(socket, 'queueUpdated', ({ consultations: list }) => list.length === 4),
    );
    let moved = patients
      .slice(0, 4)
      .map((_, index) => eventMatching(sockets[index]!, 'consultationUpdated', (update) => update.position === index + 1));
    expect((await server.request.post(`/api/consultations/${urgent.id}/accept`).set('Cookie', doctorA.cookie)).status).toBe(200);
    expect((await Promise.all(moved)).map((update) => update.position)).toEqual([1, 2, 3, 4]);
    expect((await Promise.all(doctorsTold)).map(({ consultations: list }) => list[0]!.id)).toEqual([c0.id, c0.id]);

    // The first one cancels: those behind move up; nobody else hears about it.
    moved = [1, 2, 3].map((index) =>
      eventMatching(sockets[index]!, 'consultationUpdated', (update) => update.position === index),
    );
    const urgentPatientHeard = record(sockets[4]!, 'consultationUpdated');
    const cancel = await server.request.post(`/api/consultations/${c0.id}/cancel`).set('Cookie', patients[0]!.cookie);
    expect(cancel.status).toBe(200);
    expect(cancel.body.consultation.status).toBe('cancelled');
    expect((await Promise.all(moved)).map((update) => update.position)).toEqual([1, 2, 3]);

    // The last one cancels: nobody ahead of them moves, so nobody ahead is told anything.
    const heardByFirst = record(sockets[1]!, 'consultationUpdated');
    expect((await server.request.post(`/api/consultations/${c3.id}/cancel`).set('Cookie', patients[3]!.cookie)).status).toBe(200);
    await Promise.all([drained(sockets[1]!), drained(sockets[4]!)]);
    expect(heardByFirst).toEqual([]);
    expect(urgentPatientHeard).toEqual([]);
  });

  it('a request for one doctor is in that doctor’s queue only, and says whether they are away', async () => {
    const wanted = await server.createUser('doctor', { name: 'Dr Wanted' });
    const other = await server.createUser('doctor');
    const patient = await server.createUser('patient');
    const patientSocket = await server.connect(patient.cookie);
    const otherSocket = await server.connect(other.cookie);
    const otherHeard = record(otherSocket, 'queueUpdated');

    expect(
      (await server.request.patch('/api/users/me/availability').set('Cookie', wanted.cookie).send({ available: false })).status,
    ).toBe(200);
    const before = (await server.request.get('/api/consultations/doctors-available').set('Cookie', patient.cookie)).body
      .count as number;

    const requested = await open(patient, { reason: 'Follow-up on my results', doctorId: wanted.id });
    expect(requested).toMatchObject({ requestedDoctorId: wanted.id, requestedDoctorAvailable: false, position: 1 });
    expect((await queueOf(wanted)).map((item) => item.id)).toEqual([requested.id]);
    expect(await queueOf(other)).toEqual([]);
    await drained(otherSocket);
    expect(otherHeard.every(({ consultations }) => consultations.every((item) => item.id !== requested.id))).toBe(true);

    const otherAccept = await server.request.post(`/api/consultations/${requested.id}/accept`).set('Cookie', other.cookie);
    expect(otherAccept.status).toBe(404);
    expect((await server.request.get(`/api/consultations/${requested.id}`).set('Cookie', other.cookie)).status).toBe(404);

    const back = eventMatching(patientSocket, 'consultationUpdated', (update) => update.requestedDoctorAvailable === true);
    expect(
      (await server.request.patch('/api/users/me/availability').set('Cookie', wanted.cookie).send({ available: true })).status,
    ).toBe(200);
    expect((await back).id).toBe(requested.id);
    expect((await server.request.get('/api/consultations/doctors-available').set('Cookie', patient.cookie)).body.count).toBe(
      before + 1,
    );

    expect((await server.request.post(`/api/consultations/${requested.id}/accept`).set('Cookie', wanted.cookie)).status).toBe(
      200,
    );
  });

  it('refuses a request for someone who is not a doctor', async () => {
    const patient = await server.createUser('patient');
    const otherPatient = await server.createUser('patient');
    const response = await server.request
      .post('/api/consultations')
      .set('Cookie', patient.cookie)
      .send({ reason: 'Please see me', doctorId: otherPatient.id });
    expect(response.status).toBe(400);
    expect(response.body.error.details).toEqual([expect.objectContaining({ path: 'doctorId' })]);
    expect(await ConsultationModel.countDocuments()).toBe(0);
  });
});

describe('who may do what', () => {
  let patient: TestUser;
  let doctor: TestUser;
  let consultation: Consultation;
  beforeEach(async () => {
    patient = await server.createUser('patient');
    doctor = await server.createUser('doctor');
    consultation = await open(patient);
  });

  it('a patient cannot accept or complete', async () => {
    const accept = await server.request.post(`/api/consultations/${consultation.id}/accept`).set('Cookie', patient.cookie);
    expect(accept.status).toBe(403);
    expect(accept.body.error.code).toBe('FORBIDDEN');
    expect(
      (await server.request.post(`/api/consultations/${consultation.id}/complete`).set('Cookie', patient.cookie).send({})).status,
    ).toBe(403);
    expect(await ConsultationModel.findById(consultation.id).lean()).toMatchObject({ status: 'waiting', doctorId: null });
  });

  it('a doctor cannot open a request', async () => {
    const response = await server.request
      .post('/api/consultations')
      .set('Cookie', doctor.cookie)
      .send({ reason: 'I feel unwell' });
    expect(response.status).toBe(403);
    expect(await ConsultationModel.countDocuments({ patientId: doctor.id })).toBe(0);
  });

  it('a patient cannot see or cancel another patient’s consultation', async () => {
    const stranger = await server.createUser('patient');
    expect(await mine(stranger)).toEqual([]);
    expect((await server.request.get(`/api/consultations/${consultation.id}`).set('Cookie', stranger.cookie)).status).toBe(404);
    expect(
      (await server.request.post(`/api/consultations/${consultation.id}/cancel`).set('Cookie', stranger.cookie)).status,
    ).toBe(404);
    expect((await server.request.get(`/api/consultations/${consultation.id}`).set('Cookie', patient.cookie)).status).toBe(200);
    expect(await ConsultationModel.findById(consultation.id).lean()).toMatchObject({ status: 'waiting' });
  });

  it('a doctor cannot complete another doctor’s consultation', async () => {
    await server.request.post(`/api/consultations/${consultation.id}/accept`).set('Cookie', doctor.cookie).expect(200);
    const otherDoctor = await server.createUser('doctor');
    const response = await server.request
      .post(`/api/consultations/${consultation.id}/complete`)
      .set('Cookie', otherDoctor.cookie)
      .send({ notes: 'Not mine' });
    expect(response.status).toBe(404);
    expect(await ConsultationModel.findById(consultation.id).lean()).toMatchObject({ status: 'active', notes: '' });
    expect(
      (await server.request.post(`/api/consultations/${consultation.id}/complete`).set('Cookie', doctor.cookie).send({})).status,
    ).toBe(200);
    expect(
      (await server.request.post(`/api/consultations/${consultation.id}/complete`).set('Cookie', doctor.cookie).send({})).status,
    ).toBe(409);
  });

  it('a patient cannot cancel once a doctor has taken the request', async () => {
    await server.request.post(`/api/consultations/${consultation.id}/accept`).set('Cookie', doctor.cookie).expect(200);
    expect((await server.request.post(`/api/consultations/${consultation.id}/cancel`).set('Cookie', patient.cookie)).status).toBe(
      409,
    );
  });

  it('a second open request from the same patient is a 409, while waiting and while active', async () => {
    const again = await server.request.post('/api/consultations').set('Cookie', patient.cookie).send({ reason: 'Another thing' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('CONFLICT');
    await server.request.post(`/api/consultations/${consultation.id}/accept`).set('Cookie', doctor.cookie).expect(200);
    expect(
      (await server.request.post('/api/consultations').set('Cookie', patient.cookie).send({ reason: 'Another thing' })).status,
    ).toBe(409);
    await server.request.post(`/api/consultations/${consultation.id}/complete`).set('Cookie', doctor.cookie).send({}).expect(200);
    expect(
      (await server.request.post('/api/consultations').set('Cookie', patient.cookie).send({ reason: 'Another thing' })).status,
    ).toBe(201);
  });

  it('ten requests at once from one patient make exactly one consultation', async () => {
    const eager = await server.createUser('patient');
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        server.request.post('/api/consultations').set('Cookie', eager.cookie).send({ reason: 'Double click' }),
      ),
    );
    expect(answers.filter((answer) => answer.status === 201)).toHaveLength(1);
    expect(answers.filter((answer) => answer.status === 409)).toHaveLength(9);
    expect(await ConsultationModel.countDocuments({ patientId: eager.id })).toBe(1);
  });

  it('an admin has no consultations to list and no queue', async () => {
    const admin = await server.createUser('admin');
    expect(await mine(admin)).toEqual([]);
    expect((await server.request.get('/api/consultations/queue').set('Cookie', admin.cookie)).status).toBe(403);
  });

  it('refuses unknown fields and a malformed id or cursor', async () => {
    const extra = await server.request
      .post('/api/consultations')
      .set('Cookie', (await server.createUser('patient')).cookie)
      .send({ reason: 'Headache', status: 'active' });
    expect(extra.status).toBe(400);
    expect((await server.request.post('/api/consultations/not-an-id/accept').set('Cookie', doctor.cookie)).status).toBe(400);
    expect(
      (await server.request.get('/api/consultations?cursor=%7B%22%24gt%22%3A1%7D').set('Cookie', patient.cookie)).status,
    ).toBe(400);
  });
});

describe('a patient’s history', () => {
  it('is paginated newest first, and ends with a null cursor', async () => {
    const patient = await server.createUser('patient');
    const doctor = await server.createUser('doctor');
    const ids: string[] = [];
    for (let index = 0; index < 3; index += 1) {
      const { id } = await open(patient);
      ids.unshift(id);
      await server.request.post(`/api/consultations/${id}/accept`).set('Cookie', doctor.cookie).expect(200);
      await server.request.post(`/api/consultations/${id}/complete`).set('Cookie', doctor.cookie).send({}).expect(200);
    }
    const first = await server.request.get('/api/consultations?limit=2').set('Cookie', patient.cookie);
    expect(first.body.consultations.map((item: Consultation) => item.id)).toEqual(ids.slice(0, 2));
    expect(first.body.nextCursor).toBe(ids[1]);
    const second = await server.request
      .get(`/api/consultations?limit=2&cursor=${first.body.nextCursor}`)
      .set('Cookie', patient.cookie);
    expect(second.body.consultations.map((item: Consultation) => item.id)).toEqual(ids.slice(2));
    expect(second.body.nextCursor).toBeNull();
  });
});

describe('a deactivated patient', () => {
  it('leaves the queue, and the patient behind moves up', async () => {
    const admin = await server.createUser('admin');
    const leaving = await server.createUser('patient');
    const staying = await server.createUser('patient');
    const leavingSocket = await server.connect(leaving.cookie);
    const stayingSocket = await server.connect(staying.cookie);
    const { id } = await open(leaving);
    await open(staying);

    const movedUp = eventMatching(stayingSocket, 'consultationUpdated', (update) => update.position === 1);
    await server.request.patch(`/api/admin/users/${leaving.id}`).set('Cookie', admin.cookie).send({ active: false }).expect(200);
    await disconnected(leavingSocket);
    await movedUp;
    expect(await ConsultationModel.findById(id).lean()).toMatchObject({ status: 'cancelled' });
    expect(await UserModel.findById(leaving.id).lean()).toMatchObject({ active: false });
  });
});

describe('the waiting line the server holds', () => {
  it('is changed by what the service does, without re-reading it; a row written by hand joins at the next re-read', async () => {
    const doctor = await server.createUser('doctor');
    const [first, last] = [await server.createUser('patient'), await server.createUser('patient')];
    const [firstSocket, lastSocket] = await Promise.all([first, last].map((patient) => server.connect(patient.cookie)));
    const doctorSocket = await server.connect(doctor.cookie);
    clock.advance(60_000);
    const opened = await open(first);
    expect(opened.position).toBe(1);

    // Written straight to the database, a minute before the first request: first in line there.
    const byHand = await server.createUser('patient');
    const written = await ConsultationModel.create({
      patientId: byHand.id,
      reason: 'Written by hand',
      urgency: 'routine',
      urgencyRank: 1,
      status: 'waiting',
      createdAt: new Date(clock.now() - 60_000),
      openKey: `open:${byHand.id}`,
    });

    // Nothing announced it: the line does not have it, so the service did not read the line again.
    expect((await queueOf(doctor)).map((item) => item.id)).toEqual([opened.id]);
    const second = await open(last);
    expect(second.position).toBe(2);
    expect((await queueOf(doctor)).map((item) => item.id)).toEqual([opened.id, second.id]);

    // The re-read (every minute, or now) finds it, and everyone whose place moved is told.
    const firstMoved = eventMatching(firstSocket!, 'consultationUpdated', (update) => update.position === 2);
    const lastMoved = eventMatching(lastSocket!, 'consultationUpdated', (update) => update.position === 3);
    const doctorTold = eventMatching(doctorSocket, 'queueUpdated', ({ consultations }) => consultations.length === 3);
    await server.context.consultations.reloadQueue();
    expect((await firstMoved).id).toBe(opened.id);
    expect((await lastMoved).id).toBe(second.id);
    expect((await doctorTold).consultations.map((item) => item.id)).toEqual([written._id.toString(), opened.id, second.id]);
    expect((await queueOf(doctor)).map((item) => item.position)).toEqual([1, 2, 3]);
  });

  it('a doctor taking the head of the line moves everyone up, with the line held in memory', async () => {
    const doctor = await server.createUser('doctor');
    const patients = await Promise.all(Array.from({ length: 3 }, () => server.createUser('patient')));
    const sockets = await Promise.all(patients.map((patient) => server.connect(patient.cookie)));
    const opened: Consultation[] = [];
    for (const patient of patients) {
      clock.advance(1_000);
      opened.push(await open(patient));
    }
    const movedUp = [1, 2].map((index) =>
      eventMatching(sockets[index]!, 'consultationUpdated', (update) => update.position === index),
    );
    await server.request.post(`/api/consultations/${opened[0]!.id}/accept`).set('Cookie', doctor.cookie).expect(200);
    expect((await Promise.all(movedUp)).map((update) => update.id)).toEqual([opened[1]!.id, opened[2]!.id]);
    // What the doctor is shown agrees with the database, read again from scratch.
    const held = await queueOf(doctor);
    await server.context.consultations.reloadQueue();
    expect(await queueOf(doctor)).toEqual(held);
  });
});

describe('a long line', () => {
  it('every patient still waiting hears their new place after an accept, and only the right number', async () => {
    const patients: TestUser[] = [];
    for (let index = 0; index < 20; index += 1) patients.push(await server.createUser('patient'));
    const sockets = await Promise.all(patients.map((patient) => server.connect(patient.cookie)));
    const opened: Consultation[] = [];
    for (const patient of patients) {
      const response = await server.request
        .post('/api/consultations')
        .set('Cookie', patient.cookie)
        .send({ reason: 'a steady line' });
      expect(response.status).toBe(201);
      opened.push(response.body.consultation as Consultation);
    }
    const doctor = await server.createUser('doctor');
    const heard = sockets
      .slice(1)
      .map((socket, index) =>
        eventMatching(socket, 'consultationUpdated', (consultation) => consultation.position === index + 1, 5_000),
      );
    await server.request.post(`/api/consultations/${opened[0]!.id}/accept`).set('Cookie', doctor.cookie).expect(200);
    const told = await Promise.all(heard);
    told.forEach((consultation, index) =>
      expect(consultation).toMatchObject({ id: opened[index + 1]!.id, status: 'waiting', position: index + 1 }),
    );
  });

  it('with 500 patients waiting, taking the first re-broadcasts the whole queue, everyone moved up by one', async () => {
    const base = clock.now();
    const patients = await UserModel.insertMany(
      Array.from({ length: 500 }, (_, index) => ({
        name: `Waiting ${index}`,
        email: `waiting${index}@test.local`,
        passwordHash: 'x',
        role: 'patient',
      })),
    );
    await ConsultationModel.insertMany(
      patients.map((patient, index) => ({
        patientId: patient._id,
        reason: `Reason ${index}`,
        urgency: 'routine',
        urgencyRank: 1,
        status: 'waiting',
        createdAt: new Date(base + index),
        openKey: `open:${patient._id.toString()}`,
      })),
    );
    await server.context.consultations.reloadQueue();
    const doctor = await server.createUser('doctor');
    const socket = await server.connect(doctor.cookie);
    const [head] = await queueOf(doctor);
    expect(head!.patient.id).toBe(patients[0]!._id.toString());

    const told = eventMatching(socket, 'queueUpdated', ({ consultations }) => consultations.length === 499);
    await server.request.post(`/api/consultations/${head!.id}/accept`).set('Cookie', doctor.cookie).expect(200);
    const { consultations } = await told;
    expect(consultations[0]).toMatchObject({ position: 1, patient: { id: patients[1]!._id.toString() } });
    expect(consultations.map((consultation) => consultation.position)).toEqual(
      Array.from({ length: 499 }, (_, index) => index + 1),
    );
    // How fast this is for 500 waiting is measured by `npm run bench` (queue fan-out), not here.
  });
});
