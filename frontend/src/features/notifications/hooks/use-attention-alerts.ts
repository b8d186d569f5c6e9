import { useCallback, useEffect, useState } from 'react';
import { beep, soundReady, unlockSound, unlockSoundOnFirstGesture } from '../logic/beep';

export type AlertPermission = NotificationPermission | 'unsupported';

export interface AttentionAlert {
  title: string;
  body: string;
  /** alerts with the same tag replace each other in the system tray */
  tag: string;
}

function currentPermission(): AlertPermission {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/**
 * Sound and desktop notifications for things that need someone's attention. Permission is only
 * ever asked from `requestPermission` (a click on "Enable desktop alerts"), never on load: a prompt
 * nobody asked for is usually denied, and then can't be asked again.
 */
export function useAttentionAlerts() {
  const [permission, setPermission] = useState<AlertPermission>(currentPermission);
  // Browsers let a page sound only after a click or key press on it; until then, say so.
  const [canSound, setCanSound] = useState(soundReady);
  useEffect(() => (canSound ? undefined : unlockSoundOnFirstGesture(() => setCanSound(true))), [canSound]);

  const requestPermission = useCallback(async () => {
    unlockSound();
    if (typeof Notification === 'undefined') return;
    setPermission(await Notification.requestPermission());
  }, []);

  /** A beep, and a desktop notification when granted and the person is looking elsewhere. */
  const alert = useCallback((notice: AttentionAlert) => {
    beep();
    if (currentPermission() !== 'granted' || (!document.hidden && document.hasFocus())) return;
    const notification = new Notification(notice.title, { body: notice.body, tag: notice.tag });
    notification.onclick = () => {
      window.focus();
      notification.close();
    };
  }, []);

  return { permission, canSound, requestPermission, alert };
}
