import { describe, expect, it } from 'vitest';
import { pictureOf, recognitionSize } from './camera-picture';

const stream = (...tracks: { enabled: boolean; readyState: string }[]) => ({ getVideoTracks: () => tracks });
const live = { enabled: true, readyState: 'live' };

describe('pictureOf: is there a picture to recognise?', () => {
  it('no preview on screen (no camera in the call): camera off', () => {
    expect(pictureOf(null)).toBe('camera-off');
  });

  it('camera turned off in the call (its track disabled, the preview black): camera off', () => {
    expect(pictureOf({ readyState: 4, videoWidth: 640, srcObject: stream({ enabled: false, readyState: 'live' }) })).toBe(
      'camera-off',
    );
  });

  it('the camera track has ended (unplugged): camera off', () => {
    expect(pictureOf({ readyState: 4, videoWidth: 640, srcObject: stream({ enabled: true, readyState: 'ended' }) })).toBe(
      'camera-off',
    );
  });

  it('a live track whose first frame has not arrived yet: starting', () => {
    expect(pictureOf({ readyState: 1, videoWidth: 0, srcObject: stream(live) })).toBe('starting');
  });

  it('a live track with a frame: live', () => {
    expect(pictureOf({ readyState: 4, videoWidth: 640, srcObject: stream(live) })).toBe('live');
    expect(pictureOf({ readyState: 4, videoWidth: 640, srcObject: null })).toBe('live');
  });
});

describe('recognitionSize: frames go to the worker at most 640 px on the longest side', () => {
  it('a 640×480 camera is sent as it is', () => {
    expect(recognitionSize(640, 480)).toBeNull();
  });

  it('720p and portrait phone cameras are scaled down, keeping the aspect ratio', () => {
    expect(recognitionSize(1280, 720)).toEqual({ width: 640, height: 360 });
    expect(recognitionSize(1080, 1920)).toEqual({ width: 360, height: 640 });
  });

  it('no picture yet (0×0): nothing to scale', () => {
    expect(recognitionSize(0, 0)).toBeNull();
  });
});
