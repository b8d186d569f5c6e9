import { useEffect, useState } from 'react';
import type { CallStatus } from '../logic/call-machine';
import { assessQuality, sampleFromStats, type QualityAssessment, type StatsSample } from '../logic/connection-quality';
import type { CallSession } from '../rtc/call-session';

/** How often the badge is refreshed: often enough to react, rarely enough to cost nothing. */
export const QUALITY_INTERVAL_MS = 2_000;

/** The connection quality badge: `getStats()` every 2 s while `active`, judged by `assessQuality`. */
export function useConnectionQuality(session: { readonly current: CallSession | null }, active: boolean): QualityAssessment | null {
  const [quality, setQuality] = useState<QualityAssessment | null>(null);

  useEffect(() => {
    if (!active) return;
    let previous: StatsSample | null = null;
    let stopped = false;
    const measure = async () => {
      const report = await session.current?.getStats().catch(() => null);
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
  }, [session, active]);

  return quality;
}

/** What the browser tests read: the call's status and its receive counters. */
export interface CallTestStats extends StatsSample {
  status: CallStatus;
}

declare global {
  interface Window {
    /**
     * Test-only, read-only: installed only when a browser is driven by automation
     * (`navigator.webdriver`), so end-to-end tests can check that media really flows.
     */
    __CARELINE_CALL_STATS__?: () => Promise<CallTestStats>;
  }
}

/** Installs `window.__CARELINE_CALL_STATS__` under automation only; real users' pages never have it. */
export function useCallTestAccessor(session: { readonly current: CallSession | null }, status: CallStatus): void {
  useEffect(() => {
    if (!navigator.webdriver) return;
    window.__CARELINE_CALL_STATS__ = async () => {
      const report = await session.current?.getStats();
      const sample = sampleFromStats((report?.values() ?? []) as Iterable<Record<string, unknown>>, Date.now());
      return { ...sample, status };
    };
    return () => {
      delete window.__CARELINE_CALL_STATS__;
    };
  }, [session, status]);
}
