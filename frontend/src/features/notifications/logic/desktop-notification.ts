/** Whether desktop notifications may be shown: the browser's answer, or `unsupported`. */
export type AlertPermission = NotificationPermission | 'unsupported';

export interface DesktopNotice {
  title: string;
  /** left out where the screen may be seen by others (a message's text never goes here) */
  body?: string;
  /** notices with the same tag replace each other in the system tray */
  tag: string;
}

export function alertPermission(): AlertPermission {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/** Shows `notice` on the desktop if the person allowed it; a click brings this tab back. */
export function showDesktopNotification({ title, ...options }: DesktopNotice): void {
  if (alertPermission() !== 'granted') return;
  const notification = new Notification(title, options);
  notification.onclick = () => {
    window.focus();
    notification.close();
  };
}
