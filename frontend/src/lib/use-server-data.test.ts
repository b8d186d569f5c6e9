// @vitest-environment jsdom
import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createInMemorySocket } from './use-socket-events.test-support';
import { useServerData } from './use-server-data';

/** A load the test answers by hand, one promise per call, so the order of answers is ours. */
function manualLoad<T>() {
  const calls: { signal: AbortSignal; resolve: (value: T) => void; reject: (error: unknown) => void }[] = [];
  const load = (signal: AbortSignal) =>
    new Promise<T>((resolve, reject) => {
      calls.push({ signal, resolve, reject });
    });
  return { load, calls };
}

describe('useServerData', () => {
  it('is loading, then ready with the answer; a failure is kept with its error until a reload succeeds', async () => {
    const { load, calls } = manualLoad<string[]>();
    const { result } = renderHook(() => useServerData(load));
    expect(result.current).toMatchObject({ status: 'loading', data: null, error: null });

    const failure = new Error('offline');
    await act(async () => calls[0]!.reject(failure));
    expect(result.current).toMatchObject({ status: 'failed', error: failure, data: null });

    let reloaded: Promise<void> | undefined;
    act(() => {
      reloaded = result.current.reload();
    });
    expect(result.current.status).toBe('failed');
    await act(async () => {
      calls[1]!.resolve(['a']);
      await reloaded;
    });
    expect(result.current).toMatchObject({ status: 'ready', data: ['a'], error: null });
  });

  it('loads again when the socket connects, and an older answer that comes last is dropped', async () => {
    const server = createInMemorySocket();
    const { load, calls } = manualLoad<string>();
    const { result } = renderHook(() => useServerData(load, { socket: server.socket }));

    act(() => server.receive('connect'));
    expect(calls).toHaveLength(2);
    expect(calls[0]!.signal.aborted).toBe(true);

    await act(async () => calls[1]!.resolve('after connect'));
    await act(async () => calls[0]!.resolve('before connect'));
    expect(result.current.data).toBe('after connect');
  });

  it('loads afresh when the key changes, keeping what it showed until then', async () => {
    const { load, calls } = manualLoad<string>();
    const { result, rerender } = renderHook(({ key }) => useServerData(load, { key }), { initialProps: { key: 'all' } });
    await act(async () => calls[0]!.resolve('everyone'));

    rerender({ key: 'doctors' });
    expect(calls).toHaveLength(2);
    expect(result.current.data).toBe('everyone');
    await act(async () => calls[1]!.resolve('doctors only'));
    expect(result.current.data).toBe('doctors only');
  });

  it('takes updates between loads, and the next answer replaces them', async () => {
    const server = createInMemorySocket();
    const { load, calls } = manualLoad<string[]>();
    const { result } = renderHook(() => useServerData(load, { socket: server.socket }));
    await act(async () => calls[0]!.resolve(['a']));

    act(() => result.current.setData((list) => [...(list ?? []), 'b']));
    expect(result.current.data).toEqual(['a', 'b']);
    act(() => server.receive('connect'));
    await act(async () => calls[1]!.resolve(['a', 'b', 'c']));
    expect(result.current.data).toEqual(['a', 'b', 'c']);
  });

  it('abandons the load under way and stops listening when unmounted', async () => {
    const server = createInMemorySocket();
    const { load, calls } = manualLoad<string>();
    const { unmount } = renderHook(() => useServerData(load, { socket: server.socket }));
    await waitFor(() => expect(calls).toHaveLength(1));

    unmount();
    expect(calls[0]!.signal.aborted).toBe(true);
    expect(server.listenerCount('connect')).toBe(0);
  });
});
