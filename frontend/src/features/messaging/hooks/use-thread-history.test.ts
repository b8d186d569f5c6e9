// @vitest-environment jsdom
import type { Message } from '@telehealth/shared';
import { act, renderHook, waitFor } from '@testing-library/react';
import { useCallback, useRef, useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../lib/api-client';
import { message } from '../logic/test-fixtures';
import { useJumpToConsultation, useJumpToMessage, useOlderPages } from './use-thread-history';

afterEach(() => vi.useRealTimers());

describe('useOlderPages', () => {
  it('is loading while a page comes; a failure is told and adds nothing', async () => {
    let fail: (error: unknown) => void = () => undefined;
    const actions = { loadOlder: vi.fn(() => new Promise<string[]>((_, reject) => (fail = reject))) };
    const onError = vi.fn<(message: string) => void>();
    const { result } = renderHook(() => useOlderPages(actions, 'partner', onError));
    let added: Promise<string[]> = Promise.resolve([]);
    act(() => void (added = result.current.loadOlder()));
    expect(result.current.loadingOlder).toBe(true);
    await act(async () => fail(new ApiError(500, 'INTERNAL', 'The server had a problem')));
    expect(await added).toEqual([]);
    expect(result.current.loadingOlder).toBe(false);
    expect(onError).toHaveBeenCalledTimes(1);
  });
});

function setupJump(loaded: string[], olderPages: string[][]) {
  const pages = [...olderPages];
  const loadOlder = vi.fn(async () => pages.shift() ?? []);
  const scrollToMessage = vi.fn((messageId: string) => loaded.includes(messageId) || olderPages.flat().includes(messageId));
  const listRef = { current: { scrollToMessage } };
  const onError = vi.fn<(message: string | null) => void>();
  const messages = loaded.map((id, index) => message(index + 1, { id }));
  const hook = renderHook(() => useJumpToMessage({ messages, loadOlder, listRef, rows: messages, onError }));
  return { ...hook, loadOlder, scrollToMessage, onError };
}

describe('useJumpToMessage', () => {
  it('a loaded message is scrolled to and highlighted for a moment', async () => {
    vi.useFakeTimers();
    const { result, scrollToMessage, loadOlder } = setupJump(['m1', 'm2'], []);
    await act(() => result.current.jumpTo('m1'));
    expect(loadOlder).not.toHaveBeenCalled();
    expect(scrollToMessage).toHaveBeenCalledWith('m1');
    expect(result.current.highlightedId).toBe('m1');
    act(() => void vi.advanceTimersByTime(2_500));
    expect(result.current.highlightedId).toBeNull();
  });

  it('reads older pages until the quoted message is among them', async () => {
    const { result, loadOlder, scrollToMessage } = setupJump(
      ['m9'],
      [
        ['m7', 'm8'],
        ['m5', 'm6'],
      ],
    );
    await act(() => result.current.jumpTo('m5'));
    expect(loadOlder).toHaveBeenCalledTimes(2);
    await waitFor(() => expect(scrollToMessage).toHaveBeenCalledWith('m5'));
  });

  it('says so when history ends without the message (it was deleted for good)', async () => {
    const { result, onError } = setupJump(['m9'], [['m8']]);
    await act(() => result.current.jumpTo('m1'));
    expect(onError).toHaveBeenLastCalledWith('The original message is no longer available.');
    expect(result.current.highlightedId).toBeNull();
  });
});

const entry = (n: number, event: 'consultation-started' | 'consultation-completed', consultationId: string) =>
  message(n, {
    kind: 'system',
    text: event,
    system: { event, consultationId, doctorName: 'Ada Osei', reason: 'a sore throat' },
  });

/**
 * A thread as the provider keeps it: `loadOlder` puts the page before the loaded messages (state
 * the next render reads) and resolves with its ids, as use-thread-pages does.
 */
function setupConsultationJump(consultationId: string | null, loaded: Message[], olderPages: Message[][]) {
  const pages = [...olderPages];
  const scrollToMessage = vi.fn(() => true);
  const listRef = { current: { scrollToMessage } };
  const onError = vi.fn<(message: string | null) => void>();
  const loadOlder = vi.fn();
  const hook = renderHook(() => {
    const [messages, setMessages] = useState(loaded);
    const remaining = useRef(pages);
    const load = useCallback(async () => {
      loadOlder();
      const page = remaining.current.shift() ?? [];
      setMessages((current) => [...page, ...current]);
      return page.map((item) => item.id);
    }, []);
    const jump = useJumpToMessage({ messages, loadOlder: load, listRef, rows: messages, onError });
    useJumpToConsultation(consultationId, { messages, loadOlder: load, jumpTo: jump.jumpTo, onError });
    return jump;
  });
  return { ...hook, loadOlder, scrollToMessage, onError };
}

describe('useJumpToConsultation (a link to where a consultation started)', () => {
  it("reads older pages until that consultation's start is loaded, then scrolls to it highlighted", async () => {
    const start = entry(3, 'consultation-started', 'c7');
    const { result, loadOlder, scrollToMessage } = setupConsultationJump(
      'c7',
      [entry(9, 'consultation-started', 'c8'), message(10)],
      [
        // the same consultation's end, and another's start, are not the place
        [entry(7, 'consultation-completed', 'c7'), entry(8, 'consultation-completed', 'c6')],
        [start, message(4)],
        [message(1)],
      ],
    );
    await waitFor(() => expect(result.current.highlightedId).toBe(start.id));
    expect(loadOlder).toHaveBeenCalledTimes(2);
    await waitFor(() => expect(scrollToMessage).toHaveBeenCalledWith(start.id));
  });

  it('needs no older page when the start is already loaded', async () => {
    const start = entry(5, 'consultation-started', 'c7');
    const { result, loadOlder } = setupConsultationJump('c7', [start, message(6)], [[message(1)]]);
    await waitFor(() => expect(result.current.highlightedId).toBe(start.id));
    expect(loadOlder).not.toHaveBeenCalled();
  });

  it('says so when history ends without it', async () => {
    const { result, onError, loadOlder } = setupConsultationJump('c7', [message(9)], [[message(8)]]);
    await waitFor(() =>
      expect(onError).toHaveBeenLastCalledWith('The start of this consultation is no longer in the conversation.'),
    );
    expect(loadOlder).toHaveBeenCalledTimes(2);
    expect(result.current.highlightedId).toBeNull();
  });

  it('looks for nothing without a consultation in the address', async () => {
    const { result, loadOlder } = setupConsultationJump(null, [message(9)], [[entry(1, 'consultation-started', 'c7')]]);
    await act(async () => undefined);
    expect(loadOlder).not.toHaveBeenCalled();
    expect(result.current.highlightedId).toBeNull();
  });
});
