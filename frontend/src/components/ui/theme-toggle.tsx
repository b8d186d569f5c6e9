import { Moon, Sun } from 'lucide-react';
import { useSyncExternalStore } from 'react';
import { themeStore } from '../../lib/theme-store';

/**
 * Switches between light and dark; the choice is remembered on this device. The button names the
 * theme it switches to, with that theme's icon, as a button that does one thing says what it does.
 */
export function ThemeToggle() {
  const theme = useSyncExternalStore(themeStore.subscribe, themeStore.get);
  const next = theme === 'dark' ? 'light' : 'dark';
  const Icon = next === 'dark' ? Moon : Sun;
  return (
    <button type="button" className="button button-quiet theme-toggle" onClick={() => themeStore.set(next)}>
      <Icon aria-hidden="true" size={18} />
      {next === 'dark' ? 'Dark theme' : 'Light theme'}
    </button>
  );
}
