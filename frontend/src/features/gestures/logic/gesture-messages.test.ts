import { describe, expect, it } from 'vitest';
import { gestureAnnouncement, gestureStatusText, holdLabel } from './gesture-messages';

describe('gesture messages', () => {
  it('a palm says what it did to the microphone', () => {
    expect(gestureAnnouncement('toggle-mute', false)).toBe('Open palm: microphone muted');
    expect(gestureAnnouncement('toggle-mute', true)).toBe('Open palm: microphone on');
  });

  it('a pending hang-up says how to stay', () => {
    expect(gestureAnnouncement('hang-up-pending', false)).toMatch(/Undo/);
    expect(gestureAnnouncement('hang-up-cancelled', false)).toBe('Hang-up cancelled');
  });

  it('labels the held gesture, and nothing for others', () => {
    expect(holdLabel('Thumb_Down')).toMatch(/hang up/);
    expect(holdLabel('Closed_Fist')).toBe('');
    expect(holdLabel(null)).toBe('');
  });

  it('the switch says, in plain words, when gestures load, pause with the camera off, or cannot run and why', () => {
    expect(gestureStatusText({ kind: 'loading' })).toBe('Loading hand gestures…');
    expect(gestureStatusText({ kind: 'paused' })).toMatch(/camera is off/);
    expect(gestureStatusText({ kind: 'unavailable', reason: 'the gesture model is not installed on this server' })).toBe(
      'Not available: the gesture model is not installed on this server.',
    );
    expect(gestureStatusText({ kind: 'on' })).toBe('On: watching for gestures');
  });
});
