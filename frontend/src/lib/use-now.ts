import { useEffect, useState } from 'react';

/**
 * The current time, refreshed every `intervalMs` while `active`, for labels that tick: "waiting
 * 4 min" (every 15 s), the call timer (every second, only while connected).
 */
export function useNow(intervalMs: number, active = true): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [active, intervalMs]);
  return now;
}
