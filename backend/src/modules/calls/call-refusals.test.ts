import type { AckResult, ClientToServerEvents } from '@telehealth/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type ClientSocket, type TestServer } from '../../../test/test-server.js';

/*
 * The exact acks a refused call event answers with (CONTRACT.md's table), code and message: the
 * service says no in its own words and the socket layer must keep the wire the clients know.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

const offer = { type: 'offer' as const, sdp: 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n' };
let callCounter = 0;
const newCallId = () => `refusal-${Date.now()}-${(callCounter += 1)}`;

function send<E extends keyof ClientToServerEvents>(
  socket: ClientSocket,
  event: E,
  payload: Parameters<ClientToServerEvents[E]>[0],
): Promise<AckResult> {
  return (socket.timeout(3_000).emitWithAck as (event: E, payload: unknown) => Promise<AckResult>)(event, payload);
}
const refused = (code: string, message: string) => ({ ok: false, error: { code, message } });

describe('a refused call event', () => {
  it('answers FORBIDDEN to a call to yourself or a stranger, OFFLINE to someone away, BUSY to someone in a call', async () => {
    const { patient, doctor } = await server.consultedPair();
    const stranger = await server.createUser('doctor');
    const patientTab = await server.connect(patient.cookie);
    const call = (to: string, callId = newCallId()) => send(patientTab, 'call-user', { to, callId, offer, video: true });

    expect(await call(patient.id)).toEqual(refused('FORBIDDEN', 'You cannot call yourself'));
    expect(await call(stranger.id)).toEqual(refused('FORBIDDEN', 'You cannot call this person'));
    expect(await call(doctor.id)).toEqual(refused('OFFLINE', 'They are not online'));

    const doctorTab = await server.connect(doctor.cookie);
    const callId = newCallId();
    expect(await call(doctor.id, callId)).toEqual({ ok: true });
    expect(await call(doctor.id, callId)).toEqual(refused('VALIDATION_FAILED', 'This call id is already in use'));
    // Ringing already, the doctor cannot start a second call (to the very person calling them).
    expect(await send(doctorTab, 'call-user', { to: patient.id, callId: newCallId(), offer, video: true })).toEqual(
      refused('BUSY', 'One of you is already in a call'),
    );
    expect(await send(patientTab, 'call-end', { callId })).toEqual({ ok: true });
  });

  it('answers NO_SUCH_CALL for a call that is not there', async () => {
    const { patient } = await server.consultedPair();
    const patientTab = await server.connect(patient.cookie);
    expect(await send(patientTab, 'call-end', { callId: newCallId() })).toEqual(refused('NO_SUCH_CALL', 'There is no such call'));
  });
});
