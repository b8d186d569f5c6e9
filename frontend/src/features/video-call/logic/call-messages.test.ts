import { describe, expect, it } from 'vitest';
import type { CallPeer } from './call-machine';
import { peerMediaChanges, peerMediaNotice, statusLine } from './call-messages';

const doctor: CallPeer = { id: 'doctor-1', name: 'Dr Ada', role: 'doctor', avatarUrl: null };
const patient: CallPeer = { id: 'patient-1', name: 'Grace', role: 'patient', avatarUrl: null };

describe('peerMediaNotice', () => {
  it('names the role, not the person: "Patient muted"', () => {
    expect(peerMediaNotice(patient, { muted: true, cameraOff: false, screenSharing: false })).toBe('Patient muted');
    expect(peerMediaNotice(doctor, { muted: false, cameraOff: true, screenSharing: false })).toBe("Doctor's camera is off");
    expect(peerMediaNotice(patient, { muted: true, cameraOff: true, screenSharing: true })).toBe(
      'Patient muted · Patient is sharing their screen',
    );
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

describe('statusLine', () => {
  it('describes each live state', () => {
    expect(statusLine({ status: 'calling', acked: false, callId: 'c', peer: doctor, video: true })).toBe('Calling…');
    expect(statusLine({ status: 'calling', acked: true, callId: 'c', peer: doctor, video: true })).toBe('Ringing…');
    expect(statusLine({ status: 'ringing', callId: 'c', peer: doctor, video: true })).toBe('Incoming video call');
    expect(
      statusLine({ status: 'reconnecting', direction: 'outgoing', connectedAt: 0, callId: 'c', peer: doctor, video: true }),
    ).toBe('Reconnecting…');
  });
});
