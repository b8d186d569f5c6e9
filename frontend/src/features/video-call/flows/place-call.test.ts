import { describe, expect, it } from 'vitest';
import { candidate, fakeStream, flowKit } from './call-fakes.test-support';
import { placeCall } from './place-call';

const peer = { id: 'patient-1', name: 'Grace', role: 'patient', avatarUrl: null } as const;

describe('placing a call', () => {
  it('offers, rings, and sends our candidates only once the server has acknowledged the call', async () => {
    const kit = flowKit();
    kit.signals.whileWaiting = () => kit.sessions[0]!.events.onLocalCandidate(candidate('early'));
    await placeCall(kit, 'call-1', peer, fakeStream(['audio', 'video']));
    kit.sessions[0]!.events.onLocalCandidate(candidate('late'));

    expect(kit.dispatched.map((event) => event.type)).toEqual(['start', 'call-acked']);
    expect(kit.dispatched[0]).toMatchObject({ video: true });
    expect(kit.sessions[0]!.steps).toEqual(['createOffer']);
    expect(kit.signals.said).toEqual(['call-user:call-1', 'ice-candidate:call-1:early', 'ice-candidate:call-1:late']);
  });

  it('a refusal ends it with the server’s code, and no candidate goes out', async () => {
    const kit = flowKit();
    kit.signals.answer = { ok: false, error: { code: 'BUSY', message: 'busy' } };
    kit.signals.whileWaiting = () => kit.sessions[0]!.events.onLocalCandidate(candidate('held'));
    await placeCall(kit, 'call-1', peer, fakeStream(['audio']));
    expect(kit.dispatched).toEqual([
      { type: 'start', callId: 'call-1', peer, video: false },
      { type: 'call-refused', callId: 'call-1', error: 'BUSY' },
    ]);
    expect(kit.signals.said).toEqual(['call-user:call-1']);
  });

  it('hung up while the server was registering it: the server is told to end it', async () => {
    const kit = flowKit();
    kit.signals.whileWaiting = () => kit.call.close();
    await placeCall(kit, 'call-1', peer, fakeStream(['audio']));
    expect(kit.signals.said).toEqual(['call-user:call-1', 'call-end:call-1']);
    expect(kit.dispatched.map((event) => event.type)).toEqual(['start']);
  });

  it('no ICE servers: the call fails on this side', async () => {
    const kit = flowKit();
    await placeCall({ ...kit, getIceServers: () => Promise.reject(new Error('offline')) }, 'call-1', peer, fakeStream(['audio']));
    expect(kit.dispatched.at(-1)).toEqual({ type: 'signalling-failed', callId: 'call-1', error: 'unknown' });
    expect(kit.sessions).toHaveLength(0);
  });
});
