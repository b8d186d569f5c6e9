// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { showDesktopNotification } from './desktop-notification';

afterEach(() => vi.unstubAllGlobals());

function recordingNotification(permission: NotificationPermission) {
  const shown: {
    title: string;
    options: NotificationOptions | undefined;
    notification: { close: () => void; onclick: (() => void) | null };
  }[] = [];
  class Recording {
    static permission = permission;
    onclick: (() => void) | null = null;
    close = vi.fn();
    constructor(title: string, options?: NotificationOptions) {
      shown.push({ title, options, notification: this });
    }
  }
  vi.stubGlobal('Notification', Recording);
  return shown;
}

describe('showDesktopNotification', () => {
  it('shows the notice when allowed; a click brings the tab back and closes it', () => {
    const shown = recordingNotification('granted');
    const focus = vi.spyOn(window, 'focus').mockImplementation(() => undefined);
    showDesktopNotification({ title: 'A patient is waiting', body: 'Marie Curie (routine)', tag: 'queue-1' });
    expect(shown.map(({ title, options }) => ({ title, options }))).toEqual([
      { title: 'A patient is waiting', options: { body: 'Marie Curie (routine)', tag: 'queue-1' } },
    ]);
    shown[0]!.notification.onclick?.();
    expect(focus).toHaveBeenCalled();
    expect(shown[0]!.notification.close).toHaveBeenCalled();
  });

  it('shows nothing unless allowed, or where the browser has no notifications', () => {
    const shown = recordingNotification('denied');
    showDesktopNotification({ title: 'New message', tag: 'careline-message-1' });
    expect(shown).toEqual([]);
    vi.stubGlobal('Notification', undefined);
    expect(() => showDesktopNotification({ title: 'New message', tag: 'careline-message-1' })).not.toThrow();
  });
});
