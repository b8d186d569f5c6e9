import { describe, expect, it } from 'vitest';
import { chartSummary, dayLabel } from './stats-summary';

const day = (date: string, count: number) => ({ day: date, count, averageWaitSeconds: null });

describe('chartSummary', () => {
  it('gives the total, the span and the busiest day', () => {
    expect(chartSummary([day('2025-03-01', 2), day('2025-03-02', 5), day('2025-03-03', 1)])).toBe(
      '8 consultations from Mar 1 to Mar 3; the busiest day was Mar 2 with 5.',
    );
  });

  it('says so when there were none', () => {
    expect(chartSummary([day('2025-03-01', 0), day('2025-03-02', 0)])).toBe('No consultations from Mar 1 to Mar 2.');
    expect(chartSummary([])).toBe('No days to show.');
  });

  it('uses the singular for one', () => {
    expect(chartSummary([day('2025-03-01', 1)])).toBe('1 consultation from Mar 1 to Mar 1; the busiest day was Mar 1 with 1.');
  });
});

describe('dayLabel', () => {
  it('reads the day in UTC, as the server grouped it', () => {
    expect(dayLabel('2025-12-31')).toBe('Dec 31');
  });

  it('shows something it cannot parse as it is', () => {
    expect(dayLabel('yesterday')).toBe('yesterday');
  });
});
