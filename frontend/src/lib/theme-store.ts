import { resolveTheme, type Theme } from './theme';

const STORAGE_KEY = 'careline.theme';
const DARK_QUERY = '(prefers-color-scheme: dark)';

function readStored(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    // Storage can be disabled (privacy settings); the system theme still applies.
    return null;
  }
}

const listeners = new Set<() => void>();
let current: Theme = resolveTheme(readStored(), matchMedia(DARK_QUERY).matches);

function apply(theme: Theme): void {
  current = theme;
  document.documentElement.dataset.theme = theme;
  for (const listener of listeners) listener();
}

apply(current);

// Until the user picks one, the app follows the system as it changes (e.g. at sunset).
matchMedia(DARK_QUERY).addEventListener('change', (event) => {
  if (readStored() === null) apply(event.matches ? 'dark' : 'light');
});

/** A tiny external store for useSyncExternalStore: the theme lives on <html>, outside React. */
export const themeStore = {
  get: (): Theme => current,
  subscribe: (listener: () => void): (() => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  set: (theme: Theme): void => {
    try {
      localStorage.setItem(STORAGE_KEY, theme);
    } catch {
      // Not persisted, but still applied for this visit.
    }
    apply(theme);
  },
};
