/**
 * The connection quality badge, from `RTCPeerConnection.getStats()` sampled every 2 s, as pure
 * functions: `sampleFromStats` picks the few numbers that matter out of a stats report, and
 * `assessQuality` compares two samples (loss is a rate, so it needs the difference).
 */

export type Quality = 'good' | 'fair' | 'poor' | 'unknown';

/** The numbers one stats report gives, summed over audio and video. */
export interface StatsSample {
  atMs: number;
  /** RTP packets received and lost (inbound, cumulative since the call began) */
  packetsReceived: number;
  packetsLost: number;
  bytesReceived: number;
  /** video only: whether the other side's picture reaches us */
  videoBytesReceived: number;
  /** the other side's view of what we send (remote-inbound-rtp `fractionLost`, 0..1, the worst stream) */
  outboundFractionLost: number | null;
  /** the selected candidate pair's round trip */
  roundTripTimeMs: number | null;
}

export interface QualityAssessment {
  quality: Quality;
  /** the worse of inbound loss since the previous sample and outbound loss as the peer reports it */
  lossPercent: number | null;
  roundTripTimeMs: number | null;
  /** so much is lost that video only makes it worse: offer "Switch to audio only" */
  suggestAudioOnly: boolean;
}

/** Limits per level: within both the loss and the round trip of a level to reach it. */
export const QUALITY_LIMITS = {
  good: { lossPercent: 2, roundTripTimeMs: 300 },
  fair: { lossPercent: 10, roundTripTimeMs: 600 },
  /** from here on video is the problem, not the solution */
  audioOnlyFromLossPercent: 15,
} as const;

type StatsEntry = Record<string, unknown>;

const numberOr = (value: unknown, fallback: number): number =>
  typeof value === 'number' && Number.isFinite(value) ? value : fallback;

/** The sample in one `getStats()` report (its `values()`); unknown or missing fields count as zero. */
export function sampleFromStats(entries: Iterable<StatsEntry>, atMs: number): StatsSample {
  const sample: StatsSample = {
    atMs,
    packetsReceived: 0,
    packetsLost: 0,
    bytesReceived: 0,
    videoBytesReceived: 0,
    outboundFractionLost: null,
    roundTripTimeMs: null,
  };
  let selectedPairRtt: number | null = null;
  let anyPairRtt: number | null = null;
  for (const entry of entries) {
    switch (entry.type) {
      case 'inbound-rtp': {
        sample.packetsReceived += numberOr(entry.packetsReceived, 0);
        // packetsLost can go negative (duplicates); a negative loss would hide real loss elsewhere.
        sample.packetsLost += Math.max(0, numberOr(entry.packetsLost, 0));
        const bytes = numberOr(entry.bytesReceived, 0);
        sample.bytesReceived += bytes;
        if (entry.kind === 'video') sample.videoBytesReceived += bytes;
        break;
      }
      case 'remote-inbound-rtp': {
        const fraction = numberOr(entry.fractionLost, -1);
        if (fraction >= 0) sample.outboundFractionLost = Math.max(sample.outboundFractionLost ?? 0, fraction);
        break;
      }
      case 'candidate-pair': {
        const rtt = numberOr(entry.currentRoundTripTime, -1);
        if (rtt < 0) break;
        if (entry.nominated === true && entry.state === 'succeeded') selectedPairRtt = rtt * 1000;
        else anyPairRtt ??= rtt * 1000;
        break;
      }
      default:
        break;
    }
  }
  sample.roundTripTimeMs = selectedPairRtt ?? anyPairRtt;
  return sample;
}

/** Quality between two samples; the first sample alone (no rate yet) is judged on its round trip only. */
export function assessQuality(previous: StatsSample | null, current: StatsSample): QualityAssessment {
  let inboundLoss: number | null = null;
  if (previous) {
    const received = current.packetsReceived - previous.packetsReceived;
    const lost = current.packetsLost - previous.packetsLost;
    // A counter that went backwards is a new stream (a replaced track): no rate from this pair.
    if (received >= 0 && lost >= 0 && received + lost > 0) inboundLoss = (lost / (received + lost)) * 100;
  }
  const outboundLoss = current.outboundFractionLost === null ? null : current.outboundFractionLost * 100;
  const losses = [inboundLoss, outboundLoss].filter((value): value is number => value !== null);
  const lossPercent = losses.length > 0 ? Math.max(...losses) : null;
  const rtt = current.roundTripTimeMs;

  if (lossPercent === null && rtt === null)
    return { quality: 'unknown', lossPercent, roundTripTimeMs: rtt, suggestAudioOnly: false };
  const within = (limits: { lossPercent: number; roundTripTimeMs: number }) =>
    (lossPercent ?? 0) < limits.lossPercent && (rtt ?? 0) < limits.roundTripTimeMs;
  const quality: Quality = within(QUALITY_LIMITS.good) ? 'good' : within(QUALITY_LIMITS.fair) ? 'fair' : 'poor';
  return {
    quality,
    lossPercent,
    roundTripTimeMs: rtt,
    suggestAudioOnly: (lossPercent ?? 0) >= QUALITY_LIMITS.audioOnlyFromLossPercent,
  };
}

/** The badge's words. */
export function qualityLabel(quality: Quality): string {
  switch (quality) {
    case 'good':
      return 'Good connection';
    case 'fair':
      return 'Fair connection';
    case 'poor':
      return 'Poor connection';
    case 'unknown':
      return 'Checking connection';
  }
}
