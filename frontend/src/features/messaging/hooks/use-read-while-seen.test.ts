// @vitest-environment jsdom
import type { Message } from '@telehealth/shared';
import { act, renderHook } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { message } from '../logic/test-fixtures';
import { useReadWhileSeen } from './use-read-while-seen';

describe('useReadWhileSeen', () => {
  it('marks read while the page is active and the newest messages are in view, not while scrolled up', () => {
    const actions = { markRead: vi.fn<(partnerId: string) => void>() };
    const { result, rerender } = renderHook(
      (props: { messages: Message[] | undefined; pageActive: boolean }) =>
        useReadWhileSeen(actions, 'partner', props.messages, props.pageActive),
      { initialProps: { messages: undefined as Message[] | undefined, pageActive: true } },
    );
    expect(actions.markRead).not.toHaveBeenCalled();
    rerender({ messages: [message(1)], pageActive: true });
    expect(actions.markRead).toHaveBeenCalledTimes(1);

    act(() => result.current(false));
    rerender({ messages: [message(1), message(2)], pageActive: true });
    expect(actions.markRead).toHaveBeenCalledTimes(1);
    act(() => result.current(true));
    expect(actions.markRead).toHaveBeenCalledTimes(2);

    rerender({ messages: [message(1), message(2), message(3)], pageActive: false });
    expect(actions.markRead).toHaveBeenCalledTimes(2);
  });
});
