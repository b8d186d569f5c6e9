// @vitest-environment jsdom
import { act, renderHook } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { MessagingApi } from '../api/messaging-api';
import { INITIAL_STATE, type MessagingAction, type MessagingState } from '../logic/messaging-state';
import { DOCTOR, ME, message } from '../logic/test-fixtures';
import { createMessagingSocket } from './messaging-fakes.test-support';
import { useReadReceipts } from './use-read-receipts';

type MarkRead = MessagingApi['markRead'];

function setup(markRead: MarkRead) {
  const server = createMessagingSocket();
  const stateRef: { current: MessagingState } = { current: INITIAL_STATE };
  const dispatch = vi.fn<(action: MessagingAction) => void>();
  const { result } = renderHook(() => useReadReceipts(server.socket, { myId: ME, stateRef, dispatch, markRead }));
  const show = (...messages: ReturnType<typeof message>[]) => {
    stateRef.current = { ...INITIAL_STATE, threads: { [DOCTOR]: { messages, hasOlder: false } } };
  };
  return { server, dispatch, markRead: result.current, show };
}

describe('useReadReceipts', () => {
  it('the partner read mine: their receipt goes into the state', () => {
    const { server, dispatch } = setup(vi.fn<MarkRead>());
    act(() => server.receive('messagesRead', { readerId: DOCTOR, upTo: 'm0002', readAt: '2025-01-01T13:00:00.000Z' }));
    expect(dispatch).toHaveBeenCalledWith({
      type: 'messagesRead',
      readerId: DOCTOR,
      upTo: 'm0002',
      readAt: '2025-01-01T13:00:00.000Z',
      myId: ME,
    });
  });

  it('marks up to the newest unread from the partner, once, and shows my receipt when the server has it', async () => {
    const send = vi.fn<MarkRead>(async () => undefined);
    const { markRead, dispatch, show } = setup(send);
    show(message(1), message(2), message(3, { senderId: ME, receiverId: DOCTOR }));
    markRead(DOCTOR);
    markRead(DOCTOR);
    expect(send.mock.calls).toEqual([[DOCTOR, 'm0002']]);
    await vi.waitFor(() =>
      expect(dispatch).toHaveBeenCalledWith(expect.objectContaining({ type: 'messagesRead', readerId: ME, upTo: 'm0002' })),
    );
  });

  it('nothing unread: no request; a failed one is tried again on the next look', async () => {
    const send = vi.fn<MarkRead>().mockRejectedValueOnce(new Error('down')).mockResolvedValue(undefined);
    const { markRead, show } = setup(send);
    show(message(1, { readAt: '2025-01-01T12:30:00.000Z' }));
    markRead(DOCTOR);
    expect(send).not.toHaveBeenCalled();

    show(message(1), message(2));
    markRead(DOCTOR);
    expect(send).toHaveBeenCalledTimes(1);
    // Once the refusal is in, the next look asks again (and only once).
    await vi.waitFor(() => {
      markRead(DOCTOR);
      expect(send).toHaveBeenCalledTimes(2);
    });
  });
});
