import { describe, expect, it } from 'vitest';
import { assessQuality, qualityLabel, sampleFromStats, type StatsSample } from './connection-quality';

const sample = (overrides: Partial<StatsSample>): StatsSample => ({
  atMs: 0,
  packetsReceived: 0,
  packetsLost: 0,
  bytesReceived: 0,
  videoBytesReceived: 0,
  outboundFractionLost: null,
  roundTripTimeMs: null,
  ...overrides,
});

describe('sampleFromStats', () => {
  it('sums inbound audio and video, keeps video bytes apart, and takes the selected pair’s round trip', () => {
    const report = [
      { type: 'inbound-rtp', kind: 'audio', packetsReceived: 500, packetsLost: 5, bytesReceived: 40_000 },
      { type: 'inbound-rtp', kind: 'video', packetsReceived: 1_500, packetsLost: 15, bytesReceived: 1_200_000 },
      { type: 'remote-inbound-rtp', kind: 'video', fractionLost: 0.02 },
      { type: 'remote-inbound-rtp', kind: 'audio', fractionLost: 0.01 },
      { type: 'candidate-pair', state: 'failed', nominated: false, currentRoundTripTime: 0.9 },
      { type: 'candidate-pair', state: 'succeeded', nominated: true, currentRoundTripTime: 0.045 },
      { type: 'outbound-rtp', kind: 'video', packetsSent: 9_999 },
    ];
    expect(sampleFromStats(report, 2_000)).toEqual({
      atMs: 2_000,
      packetsReceived: 2_000,
      packetsLost: 20,
      bytesReceived: 1_240_000,
      videoBytesReceived: 1_200_000,
      outboundFractionLost: 0.02,
      roundTripTimeMs: 45,
    });
  });

  it('an empty report (before anything flows) has no round trip and no loss figure', () => {
    expect(sampleFromStats([], 0)).toMatchObject({ packetsReceived: 0, outboundFractionLost: null, roundTripTimeMs: null });
  });

  it('ignores missing, non-numeric and negative counters', () => {
    const report = [{ type: 'inbound-rtp', kind: 'video', packetsReceived: 'many', packetsLost: -3 }];
    expect(sampleFromStats(report, 0)).toMatchObject({ packetsReceived: 0, packetsLost: 0, bytesReceived: 0 });
  });
});

describe('assessQuality', () => {
  const before = sample({ atMs: 0, packetsReceived: 1_000, packetsLost: 0 });

  it('little loss and a short round trip is good', () => {
    const now = sample({ atMs: 2_000, packetsReceived: 1_995, packetsLost: 5, roundTripTimeMs: 40 });
    expect(assessQuality(before, now)).toEqual({
      quality: 'good',
      lossPercent: 0.5,
      roundTripTimeMs: 40,
      suggestAudioOnly: false,
    });
  });

  it('some loss, or a long round trip, is fair', () => {
    expect(assessQuality(before, sample({ packetsReceived: 1_950, packetsLost: 50, roundTripTimeMs: 40 })).quality).toBe('fair');
    expect(assessQuality(before, sample({ packetsReceived: 2_000, roundTripTimeMs: 450 })).quality).toBe('fair');
  });

  it('heavy loss is poor and suggests switching to audio only', () => {
    const now = sample({ packetsReceived: 1_800, packetsLost: 200, roundTripTimeMs: 80 });
    expect(assessQuality(before, now)).toMatchObject({ quality: 'poor', lossPercent: 20, suggestAudioOnly: true });
  });

  it('a very long round trip alone is poor, but does not suggest audio only (video is not the cause)', () => {
    expect(assessQuality(before, sample({ packetsReceived: 2_000, roundTripTimeMs: 900 }))).toMatchObject({
      quality: 'poor',
      suggestAudioOnly: false,
    });
  });

  it('loss is the rate since the previous sample, not since the call began', () => {
    const badStart = sample({ packetsReceived: 1_000, packetsLost: 500 });
    const cleanSince = sample({ packetsReceived: 2_000, packetsLost: 500, roundTripTimeMs: 30 });
    expect(assessQuality(badStart, cleanSince)).toMatchObject({ quality: 'good', lossPercent: 0 });
  });

  it('what the other side loses of our stream counts too', () => {
    const now = sample({ packetsReceived: 2_000, outboundFractionLost: 0.25, roundTripTimeMs: 30 });
    expect(assessQuality(before, now)).toMatchObject({ quality: 'poor', lossPercent: 25, suggestAudioOnly: true });
  });

  it('the first sample is judged on its round trip alone', () => {
    expect(assessQuality(null, sample({ packetsReceived: 100, packetsLost: 90, roundTripTimeMs: 20 }))).toMatchObject({
      quality: 'good',
      lossPercent: null,
    });
  });

  it('nothing measured yet is unknown', () => {
    expect(assessQuality(null, sample({}))).toEqual({
      quality: 'unknown',
      lossPercent: null,
      roundTripTimeMs: null,
      suggestAudioOnly: false,
    });
  });

  it('counters that went backwards (a new stream) give no loss rate', () => {
    const now = sample({ packetsReceived: 10, packetsLost: 0, roundTripTimeMs: 50 });
    expect(assessQuality(before, now)).toMatchObject({ quality: 'good', lossPercent: null });
  });

  it('labels each level', () => {
    expect(['good', 'fair', 'poor', 'unknown'].map((quality) => qualityLabel(quality as 'good'))).toEqual([
      'Good connection',
      'Fair connection',
      'Poor connection',
      'Checking connection',
    ]);
  });
});
