/**
 * A tab title with a count in front while something waits for attention: `(3) Patient queue ·
 * CareLine`. No count (0 or less) gives the plain title; large counts are capped so the tab stays readable.
 */
export function badgeTitle(base: string, count: number): string {
  if (!Number.isFinite(count) || count <= 0) return base;
  const shown = count > 99 ? '99+' : String(Math.floor(count));
  return `(${shown}) ${base}`;
}
