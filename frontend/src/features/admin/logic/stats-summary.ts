import type { AdminStats } from '@telehealth/shared';

/** "Mar 4" from "2025-03-04", read as a calendar day (UTC, as the server groups them). */
export function dayLabel(isoDay: string): string {
  const date = new Date(`${isoDay}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDay;
  return date.toLocaleDateString('en', { month: 'short', day: 'numeric', timeZone: 'UTC' });
}

/** One sentence a screen reader reads instead of the chart: the total, the busiest day, the span. */
export function chartSummary(days: AdminStats['consultationsPerDay']): string {
  if (days.length === 0) return 'No days to show.';
  const total = days.reduce((sum, day) => sum + day.count, 0);
  const span = `${dayLabel(days[0]!.day)} to ${dayLabel(days.at(-1)!.day)}`;
  if (total === 0) return `No consultations from ${span}.`;
  const busiest = days.reduce((best, day) => (day.count > best.count ? day : best));
  return `${total} consultation${total === 1 ? '' : 's'} from ${span}; the busiest day was ${dayLabel(busiest.day)} with ${busiest.count}.`;
}
