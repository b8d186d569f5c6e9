import { useEffect, useEffectEvent, useState } from 'react';

/** The page is visible and focused: what is on screen is being read. */
export function isPageActive(): boolean {
  return document.visibilityState === 'visible' && document.hasFocus();
}

/** The browser's own sense of the network, and whether the page is being looked at; `onBackOnline` when the network returns. */
export function usePageActivity(onBackOnline: () => void): { browserOnline: boolean; pageActive: boolean } {
  const [browserOnline, setBrowserOnline] = useState(() => navigator.onLine);
  const [pageActive, setPageActive] = useState(isPageActive);
  const backOnline = useEffectEvent(onBackOnline);

  useEffect(() => {
    const onOnline = () => {
      setBrowserOnline(true);
      backOnline();
    };
    const onOffline = () => setBrowserOnline(false);
    const onActivity = () => setPageActive(isPageActive());
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOffline);
    window.addEventListener('focus', onActivity);
    window.addEventListener('blur', onActivity);
    document.addEventListener('visibilitychange', onActivity);
    return () => {
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOffline);
      window.removeEventListener('focus', onActivity);
      window.removeEventListener('blur', onActivity);
      document.removeEventListener('visibilitychange', onActivity);
    };
  }, []);

  return { browserOnline, pageActive };
}
