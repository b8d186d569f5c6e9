import { useCallback, useState } from 'react';
import { alertPermission, type AlertPermission } from '../logic/desktop-notification';

/**
 * Whether desktop notifications are allowed, and `request` to ask. Only ever call `request` from a
 * click ("Enable desktop alerts"), never on load: a prompt nobody asked for is usually denied, and
 * then can't be asked again.
 */
export function useAlertPermission(): { permission: AlertPermission; request: () => Promise<void> } {
  const [permission, setPermission] = useState<AlertPermission>(alertPermission);
  const request = useCallback(async () => {
    if (typeof Notification === 'undefined') return;
    setPermission(await Notification.requestPermission());
  }, []);
  return { permission, request };
}
