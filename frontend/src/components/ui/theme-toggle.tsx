import { useSyncExternalStore } from 'react';
import { themeStore } from '../../lib/theme-store';

/** A switch between light and dark; the choice is remembered on this device. */
export function ThemeToggle() {
  const theme = useSyncExternalStore(themeStore.subscribe, themeStore.get);
  const dark = theme === 'dark';
  return (
    <button
      type="button"
      className="button button-quiet theme-toggle"
      aria-pressed={dark}
      onClick={() => themeStore.set(dark ? 'light' : 'dark')}
    >
      <span aria-hidden="true" className="theme-toggle-icon">
        {dark ? '☾' : '☀'}
      </span>
      Dark theme
    </button>
  );
}
