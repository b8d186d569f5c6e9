/**
 * The top of a bar chart's value axis: the largest value rounded up to a "nice" number (1, 2, 2.5
 * or 5 times a power of ten), so gridlines fall on round values. At least `minimum`, so an all-zero
 * chart still has an axis; counts pass 5, so five ticks always fall on whole numbers.
 */
export function niceMax(values: readonly number[], minimum = 1): number {
  const largest = Math.max(minimum, ...values.filter(Number.isFinite));
  if (largest <= 1) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(largest));
  for (const step of [1, 2, 2.5, 5, 10]) {
    if (largest <= step * magnitude) return step * magnitude;
  }
  return 10 * magnitude;
}

/** Evenly spaced axis ticks from 0 to `max` inclusive; whole numbers only when `max` allows. */
export function ticks(max: number, count = 4): number[] {
  const step = max / count;
  const whole = Number.isInteger(step);
  return Array.from({ length: count + 1 }, (_, index) => (whole ? index * step : Math.round(index * step * 100) / 100));
}

export interface BarBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Where each bar goes in a plot `width` × `height` (SVG coordinates, y down): equal slots with a
 * gap, heights proportional to value / max. A non-zero value gets at least 1 unit so it is visible.
 */
export function layoutBars(values: readonly number[], max: number, width: number, height: number, gapRatio = 0.25): BarBox[] {
  if (values.length === 0) return [];
  const slot = width / values.length;
  const barWidth = slot * (1 - gapRatio);
  return values.map((value, index) => {
    const ratio = max > 0 ? Math.min(1, Math.max(0, value) / max) : 0;
    const barHeight = value > 0 ? Math.max(1, ratio * height) : 0;
    return { x: index * slot + (slot - barWidth) / 2, y: height - barHeight, width: barWidth, height: barHeight };
  });
}
