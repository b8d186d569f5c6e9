import type { AckResult, ClientToServerEvents, ServerToClientEvents } from '@telehealth/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fakeClock,
  nextEvent,
  startTestServer,
  type ClientSocket,
  type TestServer,
  type TestUser,
} from '../../../test/test-server.js';
import { collect, drained } from '../../../test/socket-events.js';
import { ConsultationModel } from '../consultations/consultation.model.js';
import { MessageModel, pairKeyOf } from '../messages/message.model.js';

const clock = fakeClock();
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ CALL_RING_SECONDS: '1' }, { clock, callDisconnectGraceMs: 300 });
});
afterAll(async () => {
  await server?.stop();
});

const offer = { type: 'offer' as const, sdp: 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n' };
const answer = { type: 'answer' as const, sdp: 'v=0\r\no=- 3 4 IN IP4 127.0.0.1\r\n' };
const candidate = (n: number) => ({
  candidate: `candidate:${n} 1 udp 2122260223 192.0.2.${n} 5000${n % 10} typ host`,
  sdpMid: '0',
  sdpMLineIndex: 0,
});
let callCounter = 0;
const newCallId = () => `call-${Date.now()}-${(callCounter += 1)}`;

type Event = keyof ClientToServerEvents;
function send<E extends Event>(
  socket: ClientSocket,
  event: E,
  payload: Parameters<ClientToServerEvents[E]>[0],
): Promise<AckResult> {
  return (socket.timeout(3_000).emitWithAck as (event: E, payload: unknown) => Promise<AckResult>)(event, payload);
}

/**
 * Starts listening for `event`; the returned check resolves true if none arrived before everything
 * the server had sent the socket until then (`drained`): nothing was relayed, as a fact, not a wait.
 */
function silentFor(socket: ClientSocket, event: keyof ServerToClientEvents): () => Promise<boolean> {
  const heard = collect(socket, event);
  return async () => {
    await drained(socket);
    return heard.length === 0;
  };
}

/** Resolves once the server has handled this socket going away (its call module's handler included). */
function serverSideDisconnect(socket: ClientSocket): Promise<void> {
  const serverSocket = server.context.io.of('/').sockets.get(socket.id!);
  if (!serverSocket) throw new Error('the server does not know this socket');
  // Listeners run in the order they were added: the call module's, added at connection, runs first.
  return new Promise((resolve) => serverSocket.once('disconnect', () => setImmediate(resolve)));
}

/** A patient and a doctor with an active consultation together: they may call each other. */
async function consultedPair(): Promise<{ patient: TestUser; doctor: TestUser }> {
  const patient = await server.createUser('patient');
  const doctor = await server.createUser('doctor');
  const now = new Date();
  await ConsultationModel.create({
    patientId: patient.id,
    doctorId: doctor.id,
    reason: 'a cough that will not go away',
    urgency: 'routine',
    urgencyRank: 1,
    status: 'active',
    createdAt: now,
    acceptedAt: now,
  });
  return { patient, doctor };
}

async function callMessages(a: TestUser, b: TestUser) {
  return MessageModel.find({ pairKey: pairKeyOf(a.id, b.id), kind: 'call' }).lean();
}

/** Waits until the thread between two people holds `count` call messages (recording is after the end event). */
async function waitForCallMessages(a: TestUser, b: TestUser, count: number, timeout = 3_000) {
  await expect.poll(async () => (await callMessages(a, b)).length, { timeout }).toBeGreaterThanOrEqual(count);
  return callMessages(a, b);
}

/** Places a call from `from` to `to` and waits until it rings on `ringing`. */
async function ring(from: ClientSocket, to: TestUser, ringing: ClientSocket, callId = newCallId()) {
  const made = nextEvent(ringing, 'call-made');
  expect(await send(from, 'call-user', { to: to.id, callId, offer, video: true })).toEqual({ ok: true });
  return { callId, made: await made };
}

describe('placing a call', () => {
  it('rings every tab of the callee with who is calling and the offer', async () => {
    const { patient, doctor } = await consultedPair();
    const patientTab = await server.connect(patient.cookie);
    const doctorTab1 = await server.connect(doctor.cookie);
    const doctorTab2 = await server.connect(doctor.cookie);

    const secondTabRings = nextEvent(doctorTab2, 'call-made');
    const { callId, made } = await ring(patientTab, doctor, doctorTab1);
    expect(made).toMatchObject({ callId, offer, video: true, from: { id: patient.id, role: 'patient', name: patient.name } });
    expect(made.from).not.toHaveProperty('email');
    expect((await secondTabRings).callId).toBe(callId);
    expect(await send(patientTab, 'call-end', { callId })).toEqual({ ok: true });
  });

  it('answers OFFLINE at once when the callee has no open socket', async () => {
    const { patient, doctor } = await consultedPair();
    const patientTab = await server.connect(patient.cookie);
    const result = await send(patientTab, 'call-user', { to: doctor.id, callId: newCallId(), offer, video: false });
    expect(result).toMatchObject({ ok: false, error: { code: 'OFFLINE' } });
    // At once: no call was ever started, so nothing rang out its timeout before the answer.
    expect(await server.context.calls.callOf(patient.id)).toBeUndefined();
  });

  it('answers BUSY when the callee is already in a call, and when the caller is', async () => {
    const { patient, doctor } = await consultedPair();
    const otherPatient = (await consultedPairWith(doctor)).patient;
    const patientTab = await server.connect(patient.cookie);
    const doctorTab = await server.connect(doctor.cookie);
    const otherTab = await server.connect(otherPatient.cookie);
    const { callId } = await ring(patientTab, doctor, doctorTab);

    const calleeBusy = await send(otherTab, 'call-user', { to: doctor.id, callId: newCallId(), offer, video: true });
    expect(calleeBusy).toMatchObject({ ok: false, error: { code: 'BUSY' } });
    const callerBusy = await send(doctorTab, 'call-user', { to: otherPatient.id, callId: newCallId(), offer, video: true });
    expect(callerBusy).toMatchObject({ ok: false, error: { code: 'BUSY' } });

    await send(patientTab, 'call-end', { callId });
    await waitForCallMessages(patient, doctor, 1);
  });

  it('is FORBIDDEN between a patient and a doctor with no consultation together, to yourself, and to an admin', async () => {
    const patient = await server.createUser('patient');
    const stranger = await server.createUser('doctor');
    const admin = await server.createUser('admin');
    const patientTab = await server.connect(patient.cookie);
    const strangerTab = await server.connect(stranger.cookie);
    await server.connect(admin.cookie);
    const nothingRings = silentFor(strangerTab, 'call-made');

    for (const to of [stranger.id, patient.id, admin.id]) {
      const result = await send(patientTab, 'call-user', { to, callId: newCallId(), offer, video: true });
      expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    // The stranger is online, yet the patient is told FORBIDDEN, never OFFLINE/BUSY, and nothing rings.
    expect(await nothingRings()).toBe(true);
    // An unknown id looks the same as a forbidden one.
    const unknown = await send(patientTab, 'call-user', {
      to: '0123456789abcdef01234567',
      callId: newCallId(),
      offer,
      video: true,
    });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('refuses a malformed payload and ignores a caller id in it', async () => {
    const { patient, doctor } = await consultedPair();
    const patientTab = await server.connect(patient.cookie);
    await server.connect(doctor.cookie);
    const spoofed = await send(patientTab, 'call-user', {
      to: doctor.id,
      callId: newCallId(),
      offer,
      video: true,
      from: doctor.id,
    } as never);
    expect(spoofed).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    const noOffer = await send(patientTab, 'call-user', { to: doctor.id, callId: newCallId(), video: true } as never);
    expect(noOffer).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });
});

/** Another patient of this doctor, in an active consultation: a patient calls only during one (issue 16). */
async function consultedPairWith(doctor: TestUser): Promise<{ patient: TestUser }> {
  const patient = await server.createUser('patient');
  const now = new Date();
  await ConsultationModel.create({
    patientId: patient.id,
    doctorId: doctor.id,
    reason: 'follow-up',
    urgency: 'routine',
    urgencyRank: 1,
    status: 'active',
    createdAt: now,
    acceptedAt: now,
  });
  return { patient };
}

describe('a call from ring to hang-up', () => {
  it('rings, is answered, trickles ICE both ways, hangs up, and leaves one completed message with its duration', async () => {
    const { patient, doctor } = await consultedPair();
    const doctorTab = await server.connect(doctor.cookie);
    const patientTab = await server.connect(patient.cookie);
    const { callId } = await ring(doctorTab, patient, patientTab);

    // Trickle ICE starts before the answer: the ringing callee gets the caller's candidates to buffer.
    const earlyCandidate = nextEvent(patientTab, 'ice-candidate');
    expect(await send(doctorTab, 'ice-candidate', { callId, candidate: candidate(1) })).toEqual({ ok: true });
    expect(await earlyCandidate).toEqual({ callId, candidate: candidate(1) });

    const answered = nextEvent(doctorTab, 'call-answered');
    expect(await send(patientTab, 'answer-call', { callId, answer })).toEqual({ ok: true });
    expect(await answered).toEqual({ callId, answer });

    const toPatient = nextEvent(patientTab, 'ice-candidate');
    const toDoctor = nextEvent(doctorTab, 'ice-candidate');
    expect(await send(doctorTab, 'ice-candidate', { callId, candidate: candidate(2) })).toEqual({ ok: true });
    expect(await send(patientTab, 'ice-candidate', { callId, candidate: candidate(3) })).toEqual({ ok: true });
    expect(await toPatient).toEqual({ callId, candidate: candidate(2) });
    expect(await toDoctor).toEqual({ callId, candidate: candidate(3) });

    // An ICE restart's new offer and answer travel the same two sockets.
    const restartOffer = { type: 'offer' as const, sdp: 'v=0\r\no=- 5 6 IN IP4 127.0.0.1\r\n' };
    const offerRelayed = nextEvent(patientTab, 'call-renegotiate');
    expect(await send(doctorTab, 'call-renegotiate', { callId, description: restartOffer })).toEqual({ ok: true });
    expect(await offerRelayed).toEqual({ callId, description: restartOffer });
    const answerRelayed = nextEvent(doctorTab, 'call-renegotiate');
    expect(await send(patientTab, 'call-renegotiate', { callId, description: answer })).toEqual({ ok: true });
    expect(await answerRelayed).toEqual({ callId, description: answer });

    clock.advance(42_000);
    const doctorEnded = nextEvent(doctorTab, 'call-ended');
    const patientEnded = nextEvent(patientTab, 'call-ended');
    expect(await send(patientTab, 'call-end', { callId })).toEqual({ ok: true });
    expect(await doctorEnded).toEqual({ callId, reason: 'hangup' });
    expect(await patientEnded).toEqual({ callId, reason: 'hangup' });

    const messages = await waitForCallMessages(doctor, patient, 1);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ kind: 'call', call: { outcome: 'completed', durationSeconds: 42 } });
    expect(messages[0]!.senderId.toString()).toBe(doctor.id);

    // Ended is ended: a late hang-up or candidate finds no call, and both are free to call again.
    expect(await send(doctorTab, 'call-end', { callId })).toMatchObject({ ok: false, error: { code: 'NO_SUCH_CALL' } });
    expect(await send(doctorTab, 'ice-candidate', { callId, candidate: candidate(4) })).toMatchObject({
      ok: false,
      error: { code: 'NO_SUCH_CALL' },
    });
    const again = await ring(patientTab, doctor, doctorTab);
    await send(patientTab, 'call-end', { callId: again.callId });
  });

  it('the callee answers on tab 1: tab 2 stops ringing, and only tab 1 is in the call', async () => {
    const { patient, doctor } = await consultedPair();
    const patientTab = await server.connect(patient.cookie);
    const doctorTab1 = await server.connect(doctor.cookie);
    const doctorTab2 = await server.connect(doctor.cookie);
    const tab2Rings = nextEvent(doctorTab2, 'call-made');
    const { callId } = await ring(patientTab, doctor, doctorTab1);
    await tab2Rings;

    const tab2Stops = nextEvent(doctorTab2, 'call-ended');
    const tab1Silent = silentFor(doctorTab1, 'call-ended');
    expect(await send(doctorTab1, 'answer-call', { callId, answer })).toEqual({ ok: true });
    expect(await tab2Stops).toEqual({ callId, reason: 'hangup', answeredElsewhere: true });
    expect(await tab1Silent()).toBe(true);

    // Tab 2 answering a moment later finds no call; candidates go to tab 1 only.
    expect(await send(doctorTab2, 'answer-call', { callId, answer })).toMatchObject({
      ok: false,
      error: { code: 'NO_SUCH_CALL' },
    });
    expect(await send(doctorTab2, 'ice-candidate', { callId, candidate: candidate(5) })).toMatchObject({
      ok: false,
      error: { code: 'NO_SUCH_CALL' },
    });
    const tab2GetsNothing = silentFor(doctorTab2, 'ice-candidate');
    const tab1Gets = nextEvent(doctorTab1, 'ice-candidate');
    await send(patientTab, 'ice-candidate', { callId, candidate: candidate(6) });
    expect((await tab1Gets).candidate).toEqual(candidate(6));
    expect(await tab2GetsNothing()).toBe(true);

    await send(doctorTab1, 'call-end', { callId });
  });

  it('the callee rejects: both sides (every callee tab) get rejected, and the thread says so', async () => {
    const { patient, doctor } = await consultedPair();
    const doctorTab = await server.connect(doctor.cookie);
    const patientTab1 = await server.connect(patient.cookie);
    const patientTab2 = await server.connect(patient.cookie);
    const { callId } = await ring(doctorTab, patient, patientTab1);

    const callerTold = nextEvent(doctorTab, 'call-ended');
    const otherTabTold = nextEvent(patientTab2, 'call-ended');
    expect(await send(patientTab1, 'call-reject', { callId })).toEqual({ ok: true });
    expect(await callerTold).toEqual({ callId, reason: 'rejected' });
    expect(await otherTabTold).toEqual({ callId, reason: 'rejected' });

    const messages = await waitForCallMessages(doctor, patient, 1);
    expect(messages.map((message) => message.call)).toEqual([{ outcome: 'rejected', durationSeconds: 0 }]);
  });

  it('only the callee can reject; the caller hanging up while ringing is a missed call', async () => {
    const { patient, doctor } = await consultedPair();
    const doctorTab = await server.connect(doctor.cookie);
    const patientTab = await server.connect(patient.cookie);
    const { callId } = await ring(doctorTab, patient, patientTab);

    expect(await send(doctorTab, 'call-reject', { callId })).toMatchObject({ ok: false, error: { code: 'NO_SUCH_CALL' } });
    // Renegotiation belongs to an answered call only.
    expect(await send(doctorTab, 'call-renegotiate', { callId, description: offer })).toMatchObject({
      ok: false,
      error: { code: 'NO_SUCH_CALL' },
    });
    const calleeStops = nextEvent(patientTab, 'call-ended');
    expect(await send(doctorTab, 'call-end', { callId })).toEqual({ ok: true });
    expect(await calleeStops).toEqual({ callId, reason: 'hangup' });

    const messages = await waitForCallMessages(doctor, patient, 1);
    expect(messages.map((message) => message.call)).toEqual([{ outcome: 'missed', durationSeconds: 0 }]);
  });

  it('nobody answers: both sides get timeout after CALL_RING_SECONDS, and the thread gets one missed call', async () => {
    const { patient, doctor } = await consultedPair();
    const patientTab = await server.connect(patient.cookie);
    const doctorTab = await server.connect(doctor.cookie);
    const { callId } = await ring(patientTab, doctor, doctorTab);

    const [callerEnded, calleeEnded] = await Promise.all([
      nextEvent(patientTab, 'call-ended', 3_000),
      nextEvent(doctorTab, 'call-ended', 3_000),
    ]);
    expect(callerEnded).toEqual({ callId, reason: 'timeout' });
    expect(calleeEnded).toEqual({ callId, reason: 'timeout' });

    const messages = await waitForCallMessages(patient, doctor, 1);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ kind: 'call', call: { outcome: 'missed', durationSeconds: 0 } });
    expect(await send(doctorTab, 'answer-call', { callId, answer })).toMatchObject({
      ok: false,
      error: { code: 'NO_SUCH_CALL' },
    });
  });
});

describe('a third user cannot touch someone else’s call', () => {
  it('a forged answer or ICE candidate is NO_SUCH_CALL and nothing reaches either party', async () => {
    const { patient, doctor } = await consultedPair();
    const intruder = await server.createUser('doctor');
    const patientTab = await server.connect(patient.cookie);
    const doctorTab = await server.connect(doctor.cookie);
    const intruderTab = await server.connect(intruder.cookie);
    const { callId } = await ring(patientTab, doctor, doctorTab);

    const callerHearsNothing = [silentFor(patientTab, 'call-answered'), silentFor(patientTab, 'ice-candidate')];
    const calleeHearsNothing = silentFor(doctorTab, 'ice-candidate');
    expect(await send(intruderTab, 'answer-call', { callId, answer })).toMatchObject({
      ok: false,
      error: { code: 'NO_SUCH_CALL' },
    });
    expect(await send(intruderTab, 'ice-candidate', { callId, candidate: candidate(7) })).toMatchObject({
      ok: false,
      error: { code: 'NO_SUCH_CALL' },
    });
    expect(await send(intruderTab, 'call-renegotiate', { callId, description: offer })).toMatchObject({
      ok: false,
      error: { code: 'NO_SUCH_CALL' },
    });
    expect(await send(intruderTab, 'call-end', { callId })).toMatchObject({ ok: false, error: { code: 'NO_SUCH_CALL' } });
    expect(await send(intruderTab, 'call-reject', { callId })).toMatchObject({ ok: false, error: { code: 'NO_SUCH_CALL' } });
    expect(await Promise.all(callerHearsNothing.map((check) => check()))).toEqual([true, true]);
    expect(await calleeHearsNothing()).toBe(true);

    // The call itself is untouched: the real callee can still answer.
    const answered = nextEvent(patientTab, 'call-answered');
    expect(await send(doctorTab, 'answer-call', { callId, answer })).toEqual({ ok: true });
    await answered;
    await send(doctorTab, 'call-end', { callId });
  });

  it('the caller’s other tab is not part of the call either', async () => {
    const { patient, doctor } = await consultedPair();
    const patientTab = await server.connect(patient.cookie);
    const patientOtherTab = await server.connect(patient.cookie);
    const doctorTab = await server.connect(doctor.cookie);
    const { callId } = await ring(patientTab, doctor, doctorTab);
    expect(await send(patientOtherTab, 'ice-candidate', { callId, candidate: candidate(8) })).toMatchObject({
      ok: false,
      error: { code: 'NO_SUCH_CALL' },
    });
    expect(await send(patientOtherTab, 'call-end', { callId })).toMatchObject({ ok: false, error: { code: 'NO_SUCH_CALL' } });
    await send(patientTab, 'call-end', { callId });
  });
});

describe('ICE candidates are rate limited per socket', () => {
  it('answers RATE_LIMITED past the burst instead of relaying a flood', async () => {
    const { patient, doctor } = await consultedPair();
    const patientTab = await server.connect(patient.cookie);
    const doctorTab = await server.connect(doctor.cookie);
    const { callId } = await ring(patientTab, doctor, doctorTab);
    await send(doctorTab, 'answer-call', { callId, answer });
    let relayed = 0;
    doctorTab.on('ice-candidate', () => (relayed += 1));

    const results = await Promise.all(
      Array.from({ length: 160 }, (_, n) => send(patientTab, 'ice-candidate', { callId, candidate: candidate(n) })),
    );
    const limited = results.filter((result) => !result.ok && result.error.code === 'RATE_LIMITED').length;
    expect(limited).toBeGreaterThan(0);
    expect(results.filter((result) => result.ok).length).toBeLessThanOrEqual(110);
    // Each relay is sent before its acknowledgement: all have been queued for the doctor's tab by now.
    await drained(doctorTab);
    expect(relayed).toBe(160 - limited);
    await send(patientTab, 'call-end', { callId });
  });
});

describe('a party disconnecting', () => {
  it('the caller closes the app mid-call: the callee gets call-ended disconnected, and the call is recorded', async () => {
    const { patient, doctor } = await consultedPair();
    const patientTab = await server.connect(patient.cookie);
    const doctorTab = await server.connect(doctor.cookie);
    const { callId } = await ring(patientTab, doctor, doctorTab);
    expect(await send(doctorTab, 'answer-call', { callId, answer })).toEqual({ ok: true });
    clock.advance(5_000);

    const calleeEnded = nextEvent(doctorTab, 'call-ended');
    patientTab.disconnect();
    expect(await calleeEnded).toEqual({ callId, reason: 'disconnected' });
    const messages = await waitForCallMessages(patient, doctor, 1);
    expect(messages.map((message) => message.call)).toEqual([{ outcome: 'completed', durationSeconds: 5 }]);
  });

  it('the caller’s connection drops (no goodbye): the call ends after the grace period', async () => {
    const { patient, doctor } = await consultedPair();
    const patientTab = await server.connect(patient.cookie);
    const doctorTab = await server.connect(doctor.cookie);
    const { callId } = await ring(patientTab, doctor, doctorTab);
    expect(await send(doctorTab, 'answer-call', { callId, answer })).toEqual({ ok: true });

    const calleeEnded = nextEvent(doctorTab, 'call-ended');
    const dropped = serverSideDisconnect(patientTab);
    patientTab.io.engine.close(); // the transport dies, as when a laptop lid closes
    await dropped;
    // The server has seen the socket go, and the call lives on through the grace period...
    expect(await server.context.calls.callOf(patient.id)).toMatchObject({ callId });
    // ...then ends.
    expect(await calleeEnded).toEqual({ callId, reason: 'disconnected' });
  });

  it('a ringing callee tab closing does not end the call; the other tab can still answer', async () => {
    const { patient, doctor } = await consultedPair();
    const patientTab = await server.connect(patient.cookie);
    const doctorTab1 = await server.connect(doctor.cookie);
    const doctorTab2 = await server.connect(doctor.cookie);
    const tab2Rings = nextEvent(doctorTab2, 'call-made');
    const { callId } = await ring(patientTab, doctor, doctorTab1);
    await tab2Rings;

    const callerSilent = silentFor(patientTab, 'call-ended');
    const closed = serverSideDisconnect(doctorTab1);
    doctorTab1.disconnect();
    await closed;
    expect(await send(doctorTab2, 'answer-call', { callId, answer })).toEqual({ ok: true });
    expect(await callerSilent()).toBe(true);
    await send(doctorTab2, 'call-end', { callId });
  });
});
