import { describe, expect, it } from 'vitest';
import {
  createEarlyRemoteCandidates,
  createOutgoingCandidates,
  createRingingCandidates,
  MAX_CANDIDATES_PER_CALL,
} from './candidate-buffer';

describe('outgoing candidates (ours, until the server acknowledges the call)', () => {
  it('holds from the start, then sends what was held in order and the rest at once', () => {
    const sent: string[] = [];
    const outgoing = createOutgoingCandidates<string>((candidate) => sent.push(candidate));
    outgoing.add('one');
    outgoing.add('two');
    expect(sent).toEqual([]);
    outgoing.release();
    outgoing.add('three');
    expect(sent).toEqual(['one', 'two', 'three']);
  });

  it('holds again for the next call, and a second release sends nothing twice', () => {
    const sent: string[] = [];
    const outgoing = createOutgoingCandidates<string>((candidate) => sent.push(candidate));
    outgoing.release();
    outgoing.hold();
    outgoing.add('next-call');
    expect(sent).toEqual([]);
    outgoing.release();
    outgoing.release();
    expect(sent).toEqual(['next-call']);
  });
});

describe('ringing candidates (the caller’s, while it rings here)', () => {
  it('hands back a call’s candidates in order, once', () => {
    const ringing = createRingingCandidates<string>();
    ringing.add('call-a', 'one');
    ringing.add('call-b', 'other');
    ringing.add('call-a', 'two');
    expect(ringing.take('call-a')).toEqual(['one', 'two']);
    expect(ringing.take('call-a')).toEqual([]);
    expect(ringing.take('call-b')).toEqual(['other']);
  });

  it('drops a call that stopped ringing', () => {
    const ringing = createRingingCandidates<string>();
    ringing.add('call-a', 'one');
    ringing.drop('call-a');
    expect(ringing.take('call-a')).toEqual([]);
  });

  it('is bounded per call and in the number of calls', () => {
    const ringing = createRingingCandidates<number>();
    for (let index = 0; index < MAX_CANDIDATES_PER_CALL + 50; index += 1) ringing.add('call-a', index);
    expect(ringing.take('call-a')).toHaveLength(MAX_CANDIDATES_PER_CALL);

    for (const id of ['c1', 'c2', 'c3', 'c4', 'c5']) ringing.add(id, 1);
    expect(ringing.take('c1')).toEqual([]);
    expect(ringing.take('c5')).toEqual([1]);
  });
});

describe('early remote candidates (inside a session, before the remote description)', () => {
  it('hands everything back once, in order, and is bounded', () => {
    const early = createEarlyRemoteCandidates<number>();
    early.add(1);
    early.add(2);
    expect(early.takeAll()).toEqual([1, 2]);
    expect(early.takeAll()).toEqual([]);
    for (let index = 0; index < MAX_CANDIDATES_PER_CALL + 5; index += 1) early.add(index);
    expect(early.takeAll()).toHaveLength(MAX_CANDIDATES_PER_CALL);
  });
});
