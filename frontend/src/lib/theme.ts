export type Theme = 'light' | 'dark';

/** The theme to show: the one the user chose, else the system's. */
export function resolveTheme(stored: string | null, systemPrefersDark: boolean): Theme {
  if (stored === 'light' || stored === 'dark') return stored;
  return systemPrefersDark ? 'dark' : 'light';
}
