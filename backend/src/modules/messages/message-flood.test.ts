import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/test-server.js';

let server: TestServer;
beforeAll(async () => {
  // The burst is what is tested: a refill of one a minute cannot add a token while a slow machine
  // sends the 120 (at the default of one a second, a run taking over a second let the 121st through).
  server = await startTestServer({ MESSAGES_PER_MINUTE: '1' });
});
afterAll(async () => {
  await server?.stop();
});

const consultedPair = () => server.consultedPair();

/** Fires `count` requests one after the other and returns their statuses. */
async function statuses(count: number, send: () => PromiseLike<{ status: number }>): Promise<number[]> {
  const seen: number[] = [];
  for (let i = 0; i < count; i += 1) seen.push((await send()).status);
  return seen;
}

function expectRateLimited(response: { status: number; headers: Record<string, string>; body: { error: { code: string } } }) {
  expect(response.status).toBe(429);
  expect(Number(response.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  expect(response.body.error.code).toBe('RATE_LIMITED');
}

describe('flooding has a price', () => {
  it('lets an outbox flush a hundred messages at once, then answers a flood with 429 and Retry-After', async () => {
    const { patient, doctor } = await consultedPair();
    const outbox = Array.from({ length: 100 }, (_, i) =>
      server.request
        .post(`/api/messages/${doctor.id}`)
        .set('Cookie', patient.cookie)
        .send({ clientId: `outbox-flush-${i}`, text: `message ${i}` }),
    );
    expect(new Set((await Promise.all(outbox)).map((response) => response.status))).toEqual(new Set([201]));
    // The burst is 120: the next twenty (invalid, so they store nothing) still count, the one after is refused.
    const bad = () => server.request.post(`/api/messages/${doctor.id}`).set('Cookie', patient.cookie).send({});
    expect(new Set(await statuses(20, bad))).toEqual(new Set([400]));
    expectRateLimited(
      await server.request
        .post(`/api/messages/${doctor.id}`)
        .set('Cookie', patient.cookie)
        .send({ clientId: 'one-more-message', text: 'hi' }),
    );
    // The limit is the sender's: the doctor can still answer.
    const reply = await server.request
      .post(`/api/messages/${patient.id}`)
      .set('Cookie', doctor.cookie)
      .send({ clientId: 'doctor-reply', text: 'ok' });
    expect(reply.status).toBe(201);
  });

  it('limits reactions and edits per user', async () => {
    const patient = await server.createUser('patient');
    const nowhere = new Types.ObjectId().toString();
    const react = () =>
      server.request.post(`/api/messages/${nowhere}/reactions`).set('Cookie', patient.cookie).send({ emoji: '👍' });
    expect(new Set(await statuses(30, react))).toEqual(new Set([404]));
    expectRateLimited(await react());
    const edit = () => server.request.patch(`/api/messages/${nowhere}`).set('Cookie', patient.cookie).send({ text: 'again' });
    expect(new Set(await statuses(30, edit))).toEqual(new Set([404]));
    expectRateLimited(await edit());
  });

  it('drops typing events past the limit and acks them with RATE_LIMITED', async () => {
    const { patient, doctor } = await consultedPair();
    const typist = await server.connect(patient.cookie);
    // 100 at once: the burst of 40 passes; refilling at 10 a second, the other 60 could pass only if
    // the server took six seconds over them, so a slow machine still sees refusals.
    const acks = await Promise.all(
      Array.from({ length: 100 }, () => typist.emitWithAck('typing', { to: doctor.id, isTyping: true })),
    );
    expect(acks.slice(0, 40).every((ack) => ack.ok)).toBe(true);
    const refused = acks.slice(40).filter((ack) => !ack.ok);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0]).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
  });
});
