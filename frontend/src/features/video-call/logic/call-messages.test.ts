import { describe, expect, it } from 'vitest';
import type { CallPeer, CallState } from './call-machine';
import { closesBySelf, endedMessage, formatCallTimer, peerMediaChanges, peerMediaNotice, statusLine } from './call-messages';

const doctor: CallPeer = { id: 'doctor-1', name: 'Dr Ada', role: 'doctor', avatarUrl: null };
const patient: CallPeer = { id: 'patient-1', name: 'Grace', role: 'patient', avatarUrl: null };
type Ended = Extract<CallState, { status: 'ended' }>;
const ended = (overrides: Partial<Ended>): Ended => ({ status: 'ended', callId: 'call-1', peer: doctor, reason: 'hangup', by: 'me', ...overrides });

describe('endedMessage', () => {
  it.each([
    ['OFFLINE', 'Dr Ada is offline'],
    ['BUSY', 'Dr Ada is in another call'],
    ['FORBIDDEN', "You can't call this person"],
  ] as const)('a refused call (%s) says why', (error, message) => {
    expect(endedMessage(ended({ reason: 'failed', by: 'system', error }), 'outgoing')).toBe(message);
  });

  it('no answer for the caller, a missed call for the callee', () => {
    expect(endedMessage(ended({ reason: 'timeout', by: 'system' }), 'outgoing')).toBe('No answer');
    expect(endedMessage(ended({ reason: 'timeout', by: 'system' }), 'incoming')).toBe('Missed call from Dr Ada');
  });

  it('a decline, from either side', () => {
    expect(endedMessage(ended({ reason: 'rejected', by: 'peer' }), 'outgoing')).toBe('Dr Ada declined the call');
    expect(endedMessage(ended({ reason: 'rejected', by: 'me' }), 'incoming')).toBe('Call declined');
  });

  it('media problems name what to do', () => {
    expect(endedMessage(ended({ reason: 'failed', error: 'permission-denied' }), 'outgoing')).toMatch(/denied/);
    expect(endedMessage(ended({ reason: 'failed', error: 'no-device' }), 'outgoing')).toMatch(/No camera/);
  });

  it('another tab answered', () => {
    expect(endedMessage(ended({ reason: 'hangup', by: 'peer', answeredElsewhere: true }), 'incoming')).toBe('Answered on another device');
  });

  it('hang-up and disconnects', () => {
    expect(endedMessage(ended({ reason: 'hangup', by: 'peer' }), 'incoming')).toBe('Call ended');
    expect(endedMessage(ended({ reason: 'disconnected', by: 'peer' }), 'incoming')).toMatch(/Dr Ada lost their connection/);
  });
});

describe('closesBySelf', () => {
  it('ordinary endings return to the page by themselves', () => {
    expect(closesBySelf(ended({ reason: 'hangup', by: 'me' }))).toBe(true);
    expect(closesBySelf(ended({ reason: 'hangup', by: 'peer' }))).toBe(true);
    expect(closesBySelf(ended({ reason: 'rejected', by: 'me' }))).toBe(true);
    expect(closesBySelf(ended({ reason: 'hangup', by: 'peer', answeredElsewhere: true }))).toBe(true);
  });

  it('what the user must read stays on screen', () => {
    expect(closesBySelf(ended({ reason: 'failed', by: 'system', error: 'OFFLINE' }))).toBe(false);
    expect(closesBySelf(ended({ reason: 'timeout', by: 'system' }))).toBe(false);
    expect(closesBySelf(ended({ reason: 'rejected', by: 'peer' }))).toBe(false);
    expect(closesBySelf(ended({ reason: 'disconnected', by: 'peer' }))).toBe(false);
  });
});

describe('peerMediaNotice', () => {
  it('names the role, not the person: "Patient muted"', () => {
    expect(peerMediaNotice(patient, { muted: true, cameraOff: false, screenSharing: false })).toBe('Patient muted');
    expect(peerMediaNotice(doctor, { muted: false, cameraOff: true, screenSharing: false })).toBe("Doctor's camera is off");
    expect(peerMediaNotice(patient, { muted: true, cameraOff: true, screenSharing: true })).toBe('Patient muted · Patient is sharing their screen');
  });

  it('says nothing when all is on', () => {
    expect(peerMediaNotice(patient, { muted: false, cameraOff: false, screenSharing: false })).toBeNull();
  });
});

describe('peerMediaChanges', () => {
  const allOn = { muted: false, cameraOff: false, screenSharing: false };

  it('announces each change once, in words', () => {
    expect(peerMediaChanges(patient, allOn, { ...allOn, muted: true })).toEqual(['Patient muted']);
    expect(peerMediaChanges(patient, { ...allOn, muted: true }, allOn)).toEqual(['Patient unmuted']);
    expect(peerMediaChanges(doctor, allOn, { muted: false, cameraOff: true, screenSharing: true })).toEqual([
      'Doctor turned their camera off',
      'Doctor started sharing their screen',
    ]);
  });

  it('nothing changed, nothing said', () => {
    expect(peerMediaChanges(patient, allOn, { ...allOn })).toEqual([]);
  });
});

describe('formatCallTimer and statusLine', () => {
  it('formats minutes and hours', () => {
    expect([0, 7, 754, 3_723, -5].map(formatCallTimer)).toEqual(['0:00', '0:07', '12:34', '1:02:03', '0:00']);
  });

  it('describes each live state', () => {
    expect(statusLine({ status: 'calling', acked: false, callId: 'c', peer: doctor, video: true })).toBe('Calling…');
    expect(statusLine({ status: 'calling', acked: true, callId: 'c', peer: doctor, video: true })).toBe('Ringing…');
    expect(statusLine({ status: 'ringing', callId: 'c', peer: doctor, video: true })).toBe('Incoming video call');
    expect(statusLine({ status: 'reconnecting', direction: 'outgoing', connectedAt: 0, callId: 'c', peer: doctor, video: true })).toBe('Reconnecting…');
  });
});
