import { useCallback, useEffect, useState } from 'react';
import { beep, soundReady, unlockSound, unlockSoundOnFirstGesture } from '../logic/beep';
import { showDesktopNotification, type DesktopNotice } from '../logic/desktop-notification';
import { useAlertPermission } from './use-alert-permission';

export interface AttentionAlert extends DesktopNotice {
  body: string;
}

/** Sound and desktop notifications for things that need someone's attention now (a patient waiting). */
export function useAttentionAlerts() {
  const { permission, request } = useAlertPermission();
  // Browsers let a page sound only after a click or key press on it; until then, say so.
  const [canSound, setCanSound] = useState(soundReady);
  useEffect(() => (canSound ? undefined : unlockSoundOnFirstGesture(() => setCanSound(true))), [canSound]);

  const requestPermission = useCallback(async () => {
    unlockSound();
    await request();
  }, [request]);

  /** A beep, and a desktop notification when granted and the person is looking elsewhere. */
  const alert = useCallback((notice: AttentionAlert) => {
    beep();
    if (!document.hidden && document.hasFocus()) return;
    showDesktopNotification(notice);
  }, []);

  return { permission, canSound, requestPermission, alert };
}
