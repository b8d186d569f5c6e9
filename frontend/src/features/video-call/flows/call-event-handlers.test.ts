import { describe, expect, it } from 'vitest';
import { callReducer, initialCallState, type CallState } from '../logic/call-machine';
import { candidate, flowKit } from './call-fakes.test-support';
import { callEventHandlers } from './call-event-handlers';

const from = { id: 'doctor-1', name: 'Dr Ada', role: 'doctor', avatarUrl: null, email: 'ada@example.com' } as never;
const offer = { type: 'offer', sdp: 'o' } as const;

function handlersFor(state: CallState, kit = flowKit()) {
  let rang = 0;
  const handlers = callEventHandlers({ ...kit, state, onRing: () => (rang += 1) });
  return { kit, handlers, rang: () => rang };
}

describe('the server’s call events', () => {
  it('call-made rings, keeps the offer, and gives way to a pre-call check; a second ring while busy is ignored', () => {
    const { kit, handlers, rang } = handlersFor(initialCallState);
    handlers['call-made']({ callId: 'call-1', from, offer, video: true });
    handlers['call-made']({ callId: 'call-2', from, offer, video: true });
    expect(kit.call.callId).toBe('call-1');
    expect(kit.call.incomingOffer).toEqual(offer);
    expect(rang()).toBe(1);
    expect(kit.dispatched).toMatchObject([{ type: 'incoming', callId: 'call-1', video: true }]);
  });

  it('ice-candidate waits in the ringing queue with no session, goes to the session once there is one, and is ignored for another call', async () => {
    const { kit, handlers } = handlersFor(initialCallState);
    kit.call.claim('call-1', offer);
    handlers['ice-candidate']({ callId: 'call-1', candidate: candidate('ringing') });
    handlers['ice-candidate']({ callId: 'call-old', candidate: candidate('stale') });
    expect(kit.call.ringing.take('call-1')).toEqual([candidate('ringing')]);

    const session = kit.call.open('call-1', [], kit.signals);
    handlers['ice-candidate']({ callId: 'call-1', candidate: candidate('live') });
    await Promise.resolve();
    expect((session as unknown as { steps: string[] }).steps).toEqual(['remote:live']);
  });

  it('call-answered applies the answer on the caller’s side only', async () => {
    const calling = callReducer(initialCallState, { type: 'start', callId: 'call-1', peer: from, video: true });
    const caller = handlersFor(calling);
    caller.kit.call.claim('call-1');
    caller.kit.call.open('call-1', [], caller.kit.signals);
    caller.handlers['call-answered']({ callId: 'call-1', answer: { type: 'answer', sdp: 'a' } });
    await Promise.resolve();
    expect(caller.kit.dispatched).toEqual([{ type: 'remote-answered', callId: 'call-1' }]);
    expect(caller.kit.sessions[0]!.steps).toEqual(['acceptAnswer']);

    const ringing = callReducer(initialCallState, { type: 'incoming', callId: 'call-1', peer: from, video: true });
    const callee = handlersFor(ringing);
    callee.kit.call.claim('call-1', offer);
    callee.kit.call.open('call-1', [], callee.kit.signals);
    callee.handlers['call-answered']({ callId: 'call-1', answer: { type: 'answer', sdp: 'a' } });
    expect(callee.kit.dispatched).toEqual([]);
  });

  it('call-ended forgets the ringing candidates and ends the call; call-renegotiate answers an offer', async () => {
    const { kit, handlers } = handlersFor(initialCallState);
    kit.call.claim('call-1', offer);
    kit.call.ringing.add('call-1', candidate('ringing'));
    handlers['call-ended']({ callId: 'call-1', reason: 'hangup', answeredElsewhere: true });
    expect(kit.call.ringing.take('call-1')).toEqual([]);
    expect(kit.dispatched).toEqual([{ type: 'remote-ended', callId: 'call-1', reason: 'hangup', answeredElsewhere: true }]);

    kit.call.open('call-1', [], kit.signals);
    handlers['call-renegotiate']({ callId: 'call-1', description: { type: 'offer', sdp: 'restart' } });
    // One macrotask, not a duration: the fake peer answers in promise reactions, all run by then.
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(kit.signals.said).toEqual(['call-renegotiate:call-1:answer']);
  });
});
