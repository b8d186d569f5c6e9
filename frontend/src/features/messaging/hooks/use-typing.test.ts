// @vitest-environment jsdom
import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TYPING_SEND_INTERVAL_MS, TYPING_SHOWN_FOR_MS } from '../logic/typing';
import { createMessagingSocket } from './messaging-fakes.test-support';
import { useTypingSignal, useWhoIsTyping } from './use-typing';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('useWhoIsTyping', () => {
  it('shows who types until they stop, or until TYPING_SHOWN_FOR_MS pass without a fresh signal', () => {
    const server = createMessagingSocket();
    const { result } = renderHook(() => useWhoIsTyping(server.socket));
    act(() => server.receive('typing', { userId: 'u1', isTyping: true }));
    act(() => server.receive('typing', { userId: 'u2', isTyping: true }));
    expect([...result.current.typingUserIds]).toEqual(['u1', 'u2']);
    act(() => server.receive('typing', { userId: 'u1', isTyping: false }));
    expect([...result.current.typingUserIds]).toEqual(['u2']);

    act(() => void vi.advanceTimersByTime(TYPING_SHOWN_FOR_MS - 1));
    act(() => server.receive('typing', { userId: 'u2', isTyping: true }));
    act(() => void vi.advanceTimersByTime(TYPING_SHOWN_FOR_MS - 1));
    expect([...result.current.typingUserIds]).toEqual(['u2']);
    act(() => void vi.advanceTimersByTime(1));
    expect(result.current.typingUserIds.size).toBe(0);
  });

  it('stopShowing hides someone at once (their message arrived); unmounting leaves no listener', () => {
    const server = createMessagingSocket();
    const { result, unmount } = renderHook(() => useWhoIsTyping(server.socket));
    act(() => server.receive('typing', { userId: 'u1', isTyping: true }));
    act(() => result.current.stopShowing('u1'));
    expect(result.current.typingUserIds.size).toBe(0);
    unmount();
    expect(server.listenerCount('typing')).toBe(0);
  });
});

describe('useTypingSignal', () => {
  it('tells the partner on the first keystroke, then at most every interval; a stop only after a start', () => {
    const server = createMessagingSocket();
    const { result } = renderHook(() => useTypingSignal(server.socket));
    result.current('p1', false);
    result.current('p1', true);
    result.current('p1', true);
    vi.advanceTimersByTime(TYPING_SEND_INTERVAL_MS);
    result.current('p1', true);
    result.current('p1', false);
    expect(server.emitted).toEqual([
      ['typing', { to: 'p1', isTyping: true }],
      ['typing', { to: 'p1', isTyping: true }],
      ['typing', { to: 'p1', isTyping: false }],
    ]);
  });

  it('says nothing while disconnected: a typing signal is never queued', () => {
    const server = createMessagingSocket();
    server.setConnected(false);
    const { result } = renderHook(() => useTypingSignal(server.socket));
    result.current('p1', true);
    expect(server.emitted).toEqual([]);
  });
});
