// @vitest-environment jsdom
import type { Conversation } from '@telehealth/shared';
import { act, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MessageAlert } from '../logic/labels';
import { INITIAL_STATE, type MessagingAction, type MessagingState } from '../logic/messaging-state';
import { conversation, DOCTOR, ME, message, OTHER } from '../logic/test-fixtures';
import { createMessagingSocket } from './messaging-fakes.test-support';
import { useLiveMessages } from './use-live-messages';

afterEach(() => vi.restoreAllMocks());

function setup({
  conversations = [conversation(DOCTOR, null)],
  openThread = null as string | null,
  refreshed = [] as Conversation[],
} = {}) {
  const server = createMessagingSocket();
  const stateRef = { current: { ...INITIAL_STATE, conversations } as MessagingState };
  const dispatch = vi.fn<(action: MessagingAction) => void>();
  const alerts: MessageAlert[] = [];
  const stopShowingTyping = vi.fn();
  const refreshConversations = vi.fn(async () => refreshed);
  renderHook(() =>
    useLiveMessages(server.socket, {
      myId: ME,
      stateRef,
      dispatch,
      openThread: { current: openThread },
      refreshConversations,
      stopShowingTyping,
      onAlert: (alert) => alerts.push(alert),
    }),
  );
  return { server, dispatch, alerts, stopShowingTyping, refreshConversations };
}

describe('useLiveMessages', () => {
  it('a message from a partner: stored, their typing hidden, and an alert naming them', () => {
    const { server, dispatch, alerts, stopShowingTyping, refreshConversations } = setup();
    const incoming = message(1);
    act(() => server.receive('newMessage', incoming));
    expect(dispatch).toHaveBeenCalledWith({ type: 'messageStored', message: incoming, myId: ME, readingNow: false });
    expect(stopShowingTyping).toHaveBeenCalledWith(DOCTOR);
    expect(alerts).toEqual([
      { id: 'm0001', title: `New message from User ${DOCTOR.slice(0, 3)}`, tag: `careline-message-${DOCTOR}` },
    ]);
    expect(refreshConversations).not.toHaveBeenCalled();
  });

  it('read as it arrives only in the open thread while the page is looked at', () => {
    vi.spyOn(document, 'hasFocus').mockReturnValue(true);
    const { server, dispatch } = setup({ openThread: DOCTOR });
    act(() => server.receive('newMessage', message(1)));
    act(() => server.receive('newMessage', message(2, { senderId: OTHER })));
    expect(dispatch.mock.calls.map(([action]) => action.type === 'messageStored' && action.readingNow)).toEqual([true, false]);
  });

  it('from someone new: the list is read again, and the alert names them from it', async () => {
    const { server, alerts, refreshConversations } = setup({ conversations: [], refreshed: [conversation(OTHER, null)] });
    act(() => server.receive('newMessage', message(1, { senderId: OTHER })));
    expect(refreshConversations).toHaveBeenCalledTimes(1);
    await vi.waitFor(() => expect(alerts.map((alert) => alert.title)).toEqual([`New message from User ${OTHER.slice(0, 3)}`]));
  });

  it('one of mine from another tab: stored, no alert', () => {
    const { server, dispatch, alerts, stopShowingTyping } = setup();
    act(() => server.receive('newMessage', message(1, { senderId: ME, receiverId: DOCTOR })));
    expect(dispatch).toHaveBeenCalledTimes(1);
    expect(stopShowingTyping).not.toHaveBeenCalled();
    expect(alerts).toEqual([]);
  });

  it("a consultation's mark in the thread: stored, no alert (the server wrote it, not the doctor)", () => {
    const { server, dispatch, alerts } = setup();
    act(() => server.receive('newMessage', message(1, { kind: 'system', text: 'Consultation completed' })));
    expect(dispatch).toHaveBeenCalledTimes(1);
    expect(alerts).toEqual([]);
  });

  it('an edit, a delete or a reaction elsewhere replaces the message', () => {
    const { server, dispatch } = setup();
    const edited = message(1, { text: 'edited' });
    act(() => server.receive('messageUpdated', edited));
    expect(dispatch).toHaveBeenCalledWith({ type: 'messageUpdated', message: edited });
  });
});
