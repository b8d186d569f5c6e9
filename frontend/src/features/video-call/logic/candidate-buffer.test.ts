import { describe, expect, it } from 'vitest';
import { createCandidateBuffer, MAX_CANDIDATES_PER_CALL } from './candidate-buffer';

describe('the candidate buffer', () => {
  it('hands back a call’s candidates in order, once', () => {
    const buffer = createCandidateBuffer<string>();
    buffer.add('call-a', 'one');
    buffer.add('call-b', 'other');
    buffer.add('call-a', 'two');
    expect(buffer.take('call-a')).toEqual(['one', 'two']);
    expect(buffer.take('call-a')).toEqual([]);
    expect(buffer.take('call-b')).toEqual(['other']);
  });

  it('drops a call that stopped ringing', () => {
    const buffer = createCandidateBuffer<string>();
    buffer.add('call-a', 'one');
    buffer.drop('call-a');
    expect(buffer.take('call-a')).toEqual([]);
  });

  it('is bounded per call and in the number of calls', () => {
    const buffer = createCandidateBuffer<number>();
    for (let index = 0; index < MAX_CANDIDATES_PER_CALL + 50; index += 1) buffer.add('call-a', index);
    expect(buffer.take('call-a')).toHaveLength(MAX_CANDIDATES_PER_CALL);

    for (const id of ['c1', 'c2', 'c3', 'c4', 'c5']) buffer.add(id, 1);
    expect(buffer.take('c1')).toEqual([]);
    expect(buffer.take('c5')).toEqual([1]);
  });
});
