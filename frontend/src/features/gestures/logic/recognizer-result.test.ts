import { describe, expect, it } from 'vitest';
import { toGestureFrame } from './recognizer-result';

describe('toGestureFrame', () => {
  it('takes each hand’s top category and its handedness', () => {
    const result = {
      gestures: [
        [
          { categoryName: 'Open_Palm', score: 0.92 },
          { categoryName: 'None', score: 0.05 },
        ],
        [{ categoryName: 'Thumb_Down', score: 0.81 }],
      ],
      handedness: [[{ categoryName: 'Right' }], [{ categoryName: 'Left' }]],
    };
    expect(toGestureFrame(result, 1_234)).toEqual({
      timestampMs: 1_234,
      hands: [
        { gesture: 'Open_Palm', score: 0.92, handedness: 'Right' },
        { gesture: 'Thumb_Down', score: 0.81, handedness: 'Left' },
      ],
    });
  });

  it('no hands in view is a frame with no hands', () => {
    expect(toGestureFrame({ gestures: [], handedness: [] }, 5)).toEqual({ timestampMs: 5, hands: [] });
  });

  it('a hand without categories is skipped; missing handedness is left out', () => {
    expect(toGestureFrame({ gestures: [[], [{ categoryName: 'Open_Palm', score: 0.9 }]] }, 0).hands).toEqual([
      { gesture: 'Open_Palm', score: 0.9 },
    ]);
  });
});
