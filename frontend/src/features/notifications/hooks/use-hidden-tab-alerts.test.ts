// @vitest-environment jsdom
import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useHiddenTabAlerts } from './use-hidden-tab-alerts';

/** Records what would be shown, as the browser's Notification would show it. */
class RecordingNotification {
  static permission: NotificationPermission = 'granted';
  static shown: { title: string; options: NotificationOptions | undefined }[] = [];
  onclick: (() => void) | null = null;
  constructor(title: string, options?: NotificationOptions) {
    RecordingNotification.shown.push({ title, options });
  }
  close() {}
}

function setVisibility(state: DocumentVisibilityState) {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
  document.dispatchEvent(new Event('visibilitychange'));
}

const notice = (id: string) => ({ id, title: 'New message from Dr. Grace Hopper', tag: 'careline-message-doctor' });

beforeEach(() => {
  RecordingNotification.shown = [];
  RecordingNotification.permission = 'granted';
  vi.stubGlobal('Notification', RecordingNotification);
});
afterEach(() => {
  setVisibility('visible');
  vi.unstubAllGlobals();
});

describe('useHiddenTabAlerts', () => {
  it('while hidden: counts each notice once and shows it; the count goes when the tab is back', () => {
    const { result } = renderHook(() => useHiddenTabAlerts());
    act(() => setVisibility('hidden'));
    act(() => result.current.notify(notice('m1')));
    act(() => result.current.notify(notice('m2')));
    act(() => result.current.notify(notice('m2')));
    expect(result.current.count).toBe(2);
    expect(RecordingNotification.shown).toEqual([
      { title: 'New message from Dr. Grace Hopper', options: { tag: 'careline-message-doctor' } },
      { title: 'New message from Dr. Grace Hopper', options: { tag: 'careline-message-doctor' } },
    ]);

    act(() => setVisibility('visible'));
    expect(result.current.count).toBe(0);
  });

  it('drops a notice while the tab is in view', () => {
    const { result } = renderHook(() => useHiddenTabAlerts());
    act(() => result.current.notify(notice('m1')));
    expect(result.current.count).toBe(0);
    expect(RecordingNotification.shown).toEqual([]);
  });

  it('counts but shows nothing on the desktop unless allowed', () => {
    RecordingNotification.permission = 'default';
    const { result } = renderHook(() => useHiddenTabAlerts());
    act(() => setVisibility('hidden'));
    act(() => result.current.notify(notice('m1')));
    expect(result.current.count).toBe(1);
    expect(RecordingNotification.shown).toEqual([]);
  });
});
