import { describe, expect, it } from 'vitest';
import { callDurationSeconds, closesBySelf, endedAnnouncement, endedSummary } from './call-ended';
import type { CallPeer, CallState } from './call-machine';

const doctor: CallPeer = { id: 'doctor-1', name: 'Dr Ada', role: 'doctor', avatarUrl: null };
type Ended = Extract<CallState, { status: 'ended' }>;
const ended = (overrides: Partial<Ended>): Ended => ({
  status: 'ended',
  callId: 'call-1',
  peer: doctor,
  direction: 'outgoing',
  reason: 'hangup',
  by: 'me',
  ...overrides,
});
/** Connected at 10 s, seen ending at 21.4 s: an 11 s call. */
const CONNECTED_AT = 10_000;
const ENDED_AT = 21_400;

describe('callDurationSeconds', () => {
  it('whole seconds from the first media to the end, never negative', () => {
    expect(callDurationSeconds(CONNECTED_AT, ENDED_AT)).toBe(11);
    expect(callDurationSeconds(CONNECTED_AT, CONNECTED_AT + 59_999)).toBe(59);
    expect(callDurationSeconds(CONNECTED_AT, CONNECTED_AT - 500)).toBe(0);
  });
});

describe('endedSummary: a call that connected', () => {
  it.each([
    ['me', 'hangup', 'You hung up.'],
    ['peer', 'hangup', 'Dr Ada hung up.'],
    ['peer', 'disconnected', 'Dr Ada lost their connection.'],
    ['system', 'failed', 'The connection was lost. Check your network and call again.'],
  ] as const)('by %s (%s): "Call ended · m:ss" on both sides, and Call again', (by, reason, detail) => {
    for (const direction of ['outgoing', 'incoming'] as const) {
      expect(endedSummary(ended({ by, reason, connectedAt: CONNECTED_AT, direction }), ENDED_AT)).toEqual({
        title: 'Call ended · 0:11',
        detail,
        again: 'Call again',
      });
    }
  });

  it('longer calls read as the call timer does', () => {
    expect(endedSummary(ended({ connectedAt: 0, direction: 'outgoing' }), 754_000).title).toBe('Call ended · 12:34');
    expect(endedSummary(ended({ connectedAt: 0, direction: 'outgoing' }), 3_723_000).title).toBe('Call ended · 1:02:03');
  });
});

describe('endedSummary: a call that never connected', () => {
  it('the caller: "No answer" or "Declined", and may call again', () => {
    expect(endedSummary(ended({ reason: 'timeout', by: 'system', direction: 'outgoing' }), ENDED_AT)).toEqual({
      title: 'No answer',
      detail: 'Dr Ada did not answer.',
      again: 'Call again',
    });
    expect(endedSummary(ended({ reason: 'rejected', by: 'peer', direction: 'outgoing' }), ENDED_AT)).toEqual({
      title: 'Declined',
      detail: 'Dr Ada declined the call.',
      again: 'Call again',
    });
  });

  it('the callee: a missed call (rang out, or the caller gave up), with Call back', () => {
    const missed = { title: 'Missed call', detail: 'Dr Ada called you.', again: 'Call back' };
    expect(endedSummary(ended({ reason: 'timeout', by: 'system', direction: 'incoming' }), ENDED_AT)).toEqual(missed);
    expect(endedSummary(ended({ reason: 'hangup', by: 'peer', direction: 'incoming' }), ENDED_AT)).toEqual(missed);
  });

  it.each([
    ['OFFLINE', 'Dr Ada is offline', null],
    ['BUSY', 'Dr Ada is in another call', 'Try again'],
    ['FORBIDDEN', "You can't call this person", null],
    ['permission-denied', 'Camera and microphone blocked', 'Try again'],
    ['no-device', 'No camera or microphone found', 'Try again'],
    ['connection-failed', 'Could not connect', 'Try again'],
    ['unknown', 'The call could not be set up', 'Try again'],
  ] as const)('refused or failed (%s): says why, and offers a retry only where one can help', (error, title, again) => {
    expect(endedSummary(ended({ reason: 'failed', by: 'system', error, direction: 'outgoing' }), ENDED_AT)).toMatchObject({
      title,
      again,
    });
  });

  it('another tab answered', () => {
    expect(
      endedSummary(ended({ reason: 'hangup', by: 'peer', answeredElsewhere: true, direction: 'incoming' }), ENDED_AT),
    ).toEqual({
      title: 'Answered on another device',
      detail: null,
      again: null,
    });
  });
});

describe('endedAnnouncement', () => {
  it('the headline and the sentence after it, for screen readers', () => {
    expect(endedAnnouncement({ title: 'Declined', detail: 'Dr Ada declined the call.', again: 'Call again' })).toBe(
      'Declined. Dr Ada declined the call.',
    );
    expect(endedAnnouncement({ title: 'Call ended · 0:11', detail: null, again: 'Call again' })).toBe('Call ended · 0:11');
  });
});

describe('closesBySelf', () => {
  it('closes only what the user did themselves before anything happened, or what another tab took', () => {
    expect(closesBySelf(ended({ reason: 'rejected', by: 'me' }))).toBe(true);
    expect(closesBySelf(ended({ reason: 'hangup', by: 'me' }))).toBe(true);
    expect(closesBySelf(ended({ reason: 'hangup', by: 'peer', answeredElsewhere: true }))).toBe(true);
  });

  it('a call that connected stays, whoever hung up: the ended view shows its length', () => {
    expect(closesBySelf(ended({ reason: 'hangup', by: 'me', connectedAt: CONNECTED_AT }))).toBe(false);
    expect(closesBySelf(ended({ reason: 'hangup', by: 'peer', connectedAt: CONNECTED_AT }))).toBe(false);
  });

  it('what the user must read stays on screen', () => {
    expect(closesBySelf(ended({ reason: 'failed', by: 'system', error: 'OFFLINE' }))).toBe(false);
    expect(closesBySelf(ended({ reason: 'timeout', by: 'system' }))).toBe(false);
    expect(closesBySelf(ended({ reason: 'rejected', by: 'peer' }))).toBe(false);
    expect(closesBySelf(ended({ reason: 'hangup', by: 'peer' }))).toBe(false);
    expect(closesBySelf(ended({ reason: 'disconnected', by: 'peer' }))).toBe(false);
  });
});
