import { describe, expect, it } from 'vitest';
import { answerCall } from './answer-call';
import { candidate, fakeStream, flowKit } from './call-fakes.test-support';

const offer = { type: 'offer', sdp: 'offer-sdp' } as const;

describe('answering a call', () => {
  it('gives the session the candidates that came while it rang, then answers, then sends ours', async () => {
    const kit = flowKit();
    kit.call.claim('call-1', offer);
    kit.call.ringing.add('call-1', candidate('while-ringing'));
    const answering = answerCall(kit, 'call-1', offer, fakeStream(['audio', 'video']));
    await answering;
    kit.sessions[0]!.events.onLocalCandidate(candidate('ours'));

    expect(kit.dispatched).toEqual([{ type: 'accept' }]);
    expect(kit.sessions[0]!.steps).toEqual(['remote:while-ringing', 'answerOffer']);
    expect(kit.signals.said).toEqual(['answer-call:call-1', 'ice-candidate:call-1:ours']);
    expect(kit.call.ringing.take('call-1')).toEqual([]);
  });

  it('the server refuses the answer (another tab won, the call ended): failed with that code', async () => {
    const kit = flowKit();
    kit.call.claim('call-1', offer);
    kit.signals.answer = { ok: false, error: { code: 'NO_SUCH_CALL', message: 'gone' } };
    await answerCall(kit, 'call-1', offer, fakeStream(['audio']));
    expect(kit.dispatched.at(-1)).toEqual({ type: 'signalling-failed', callId: 'call-1', error: 'NO_SUCH_CALL' });
  });

  it('a call that ended meanwhile opens nothing', async () => {
    const kit = flowKit();
    kit.call.claim('call-1', offer);
    kit.call.close();
    await answerCall(kit, 'call-1', offer, fakeStream(['audio']));
    expect(kit.sessions).toHaveLength(0);
    expect(kit.signals.said).toEqual([]);
  });
});
