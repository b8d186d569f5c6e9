import { useCallback, useEffect, useRef, useState } from 'react';
import { showDesktopNotification, type DesktopNotice } from '../logic/desktop-notification';

export interface HiddenTabNotice extends DesktopNotice {
  /** what the notice is about: the same one counts once */
  id: string;
}

/**
 * Notices for things that came while the tab was hidden (new messages): each is counted, and shows
 * a desktop notification when allowed; the count goes once the tab is back. A notice while the tab
 * is in view is dropped: the page itself shows it. The page puts `count` in its `<title>`
 * (`badgeTitle`): React owns the title element, so a write to `document.title` from here would
 * land on an element React may swap or re-insert, and be lost.
 */
export function useHiddenTabAlerts(): { notify: (notice: HiddenTabNotice) => void; count: number } {
  const [count, setCount] = useState(0);
  const counted = useRef(new Set<string>());

  const notify = useCallback((notice: HiddenTabNotice) => {
    if (document.visibilityState !== 'hidden' || counted.current.has(notice.id)) return;
    counted.current.add(notice.id);
    setCount((current) => current + 1);
    const { id: _id, ...desktop } = notice;
    showDesktopNotification(desktop);
  }, []);

  useEffect(() => {
    const onActivity = () => {
      if (document.visibilityState === 'visible') setCount(0);
    };
    window.addEventListener('focus', onActivity);
    window.addEventListener('blur', onActivity);
    document.addEventListener('visibilitychange', onActivity);
    return () => {
      window.removeEventListener('focus', onActivity);
      window.removeEventListener('blur', onActivity);
      document.removeEventListener('visibilitychange', onActivity);
    };
  }, []);

  return { notify, count };
}
