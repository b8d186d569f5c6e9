// @vitest-environment jsdom
import type { Message } from '@telehealth/shared';
import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../lib/api-client';
import type { MessagingApi } from '../api/messaging-api';
import { message } from '../logic/test-fixtures';
import { createMessagingSocket, queuedEntry, recordingStore } from './messaging-fakes.test-support';
import { useOutbox } from './use-outbox';

type SendMessage = MessagingApi['sendMessage'];
const draft = (text: string) => ({ text, replyTo: null, file: null });

function setup(sendMessage: SendMessage, store = recordingStore()) {
  const server = createMessagingSocket();
  const onStored = vi.fn<(message: Message) => void>();
  const hook = renderHook(() => useOutbox({ myId: 'me', socket: server.socket, store, sendMessage, onStored }));
  return { ...hook, store, onStored };
}

describe('useOutbox', () => {
  it('a message shows at once, is kept in the store while it goes, and leaves both once stored', async () => {
    let answer: (stored: Message) => void = () => undefined;
    const sendMessage = vi.fn<SendMessage>(() => new Promise((resolve) => (answer = resolve)));
    const { result, store, onStored } = setup(sendMessage);
    await act(() => result.current.send('partner', draft('Hello')));
    expect(result.current.entries.map((entry) => [entry.text, entry.state])).toEqual([['Hello', 'queued']]);
    expect([...store.entries.values()].map((entry) => entry.text)).toEqual(['Hello']);
    const [receiverId, input, options] = sendMessage.mock.calls[0]!;
    expect([receiverId, input.text, input.clientId, options?.socketId]).toEqual([
      'partner',
      'Hello',
      result.current.entries[0]!.clientId,
      'socket-1',
    ]);

    const stored = message(1, { text: 'Hello' });
    await act(async () => answer(stored));
    expect(onStored).toHaveBeenCalledWith(stored);
    expect(result.current.entries).toEqual([]);
    expect(store.entries.size).toBe(0);
  });

  it('a refusal stays as failed; Retry sends it again with the same clientId, Discard drops it', async () => {
    const sendMessage = vi
      .fn<SendMessage>()
      .mockRejectedValueOnce(new ApiError(401, 'UNAUTHENTICATED', 'Sign in'))
      .mockResolvedValue(message(1));
    const { result, store } = setup(sendMessage);
    await act(() => result.current.send('partner', draft('Hello')));
    await waitFor(() => expect(result.current.entries[0]?.state).toBe('failed'));
    const { clientId } = result.current.entries[0]!;
    expect(store.entries.get(clientId)?.state).toBe('failed');

    act(() => result.current.retry(clientId));
    await waitFor(() => expect(result.current.entries).toEqual([]));
    expect(sendMessage.mock.calls.map(([, input]) => input.clientId)).toEqual([clientId, clientId]);

    sendMessage.mockRejectedValue(new ApiError(403, 'FORBIDDEN', 'no'));
    await act(() => result.current.send('partner', draft('Again')));
    await waitFor(() => expect(result.current.entries[0]?.state).toBe('failed'));
    act(() => result.current.discard(result.current.entries[0]!.clientId));
    expect(result.current.entries).toEqual([]);
    await waitFor(() => expect(store.entries.size).toBe(0));
  });

  it('what the store kept from before a reload is shown and sent first, in the order written', async () => {
    const sendMessage = vi.fn<SendMessage>(async (_to, input) => message(1, { clientId: input.clientId }));
    const { result } = setup(sendMessage, recordingStore([queuedEntry('b', 2), queuedEntry('a', 1)]));
    await waitFor(() => expect(sendMessage).toHaveBeenCalledTimes(2));
    expect(sendMessage.mock.calls.map(([, input]) => input.clientId)).toEqual(['a', 'b']);
    await waitFor(() => expect(result.current.entries).toEqual([]));
  });

  it('upload progress is reported by clientId while a file goes, and cleared after', async () => {
    let progress: ((fraction: number) => void) | undefined;
    let answer: (stored: Message) => void = () => undefined;
    const sendMessage = vi.fn<SendMessage>((_to, _input, options) => {
      progress = options?.onProgress;
      return new Promise((resolve) => (answer = resolve));
    });
    const { result } = setup(sendMessage);
    await act(() =>
      result.current.send('partner', { text: '', replyTo: null, file: new File(['x'], 'scan.pdf', { type: 'application/pdf' }) }),
    );
    const { clientId } = result.current.entries[0]!;
    act(() => progress?.(0.4));
    expect(result.current.uploadProgress).toEqual({ [clientId]: 0.4 });
    await act(async () => answer(message(1)));
    expect(result.current.uploadProgress).toEqual({});
  });

  it('instructions stay instructions through a refusal and Retry, and after a reload', async () => {
    const sendMessage = vi
      .fn<SendMessage>()
      .mockRejectedValueOnce(new ApiError(401, 'UNAUTHENTICATED', 'Sign in'))
      .mockResolvedValue(message(1));
    const { result, store } = setup(sendMessage);
    await act(() => result.current.send('partner', { ...draft('Rest for two days'), instructions: true }));
    await waitFor(() => expect(result.current.entries[0]?.state).toBe('failed'));
    const { clientId } = result.current.entries[0]!;
    expect(store.entries.get(clientId)?.instructions).toBe(true);

    act(() => result.current.retry(clientId));
    await waitFor(() => expect(result.current.entries).toEqual([]));
    expect(sendMessage.mock.calls.map(([, input]) => input.instructions)).toEqual([true, true]);

    const kept = vi.fn<SendMessage>(async (_to, input) => message(2, { clientId: input.clientId }));
    setup(kept, recordingStore([queuedEntry('old', 1), queuedEntry('kept', 2, { instructions: true })]));
    await waitFor(() => expect(kept).toHaveBeenCalledTimes(2));
    expect(kept.mock.calls.map(([, input]) => [input.clientId, input.instructions])).toEqual([
      ['old', false],
      ['kept', true],
    ]);
  });
});
