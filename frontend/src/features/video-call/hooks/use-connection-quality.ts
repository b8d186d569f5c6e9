import { useEffect, useState } from 'react';
import { assessQuality, sampleFromStats, type QualityAssessment, type StatsSample } from '../logic/connection-quality';
import type { CallSessionApi } from '../rtc/call-session';

/** How often the badge is refreshed: often enough to react, rarely enough to cost nothing. */
export const QUALITY_INTERVAL_MS = 2_000;

/** The connection quality badge: the live session's `getStats()` every 2 s while `active`, judged by `assessQuality`. */
export function useConnectionQuality(
  call: { readonly session: Pick<CallSessionApi, 'getStats'> | null },
  active: boolean,
): QualityAssessment | null {
  const [quality, setQuality] = useState<QualityAssessment | null>(null);

  useEffect(() => {
    if (!active) return;
    let previous: StatsSample | null = null;
    let stopped = false;
    const measure = async () => {
      const report = await call.session?.getStats().catch(() => null);
      if (!report || stopped) return;
      const sample = sampleFromStats(report.values() as Iterable<Record<string, unknown>>, Date.now());
      setQuality(assessQuality(previous, sample));
      previous = sample;
    };
    const timer = setInterval(() => void measure(), QUALITY_INTERVAL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
      setQuality(null);
    };
  }, [call, active]);

  return quality;
}
