import { describe, expect, it } from 'vitest';
import { conversation, DOCTOR, ME, message, OTHER } from './test-fixtures';
import { INITIAL_STATE, messagingReducer, totalUnread, type MessagingState } from './messaging-state';

function withThread(...messages: ReturnType<typeof message>[]): MessagingState {
  return {
    conversations: [conversation(DOCTOR, messages.at(-1) ?? null, 0), conversation(OTHER, message(0, { senderId: OTHER }), 1)],
    threads: { [DOCTOR]: { messages, hasOlder: true } },
  };
}

describe('messagingReducer', () => {
  it('lists conversations newest activity first', () => {
    const state = messagingReducer(INITIAL_STATE, {
      type: 'conversationsLoaded',
      conversations: [conversation(OTHER, message(1)), conversation(DOCTOR, message(5))],
    });
    expect(state.conversations!.map((item) => item.user.id)).toEqual([DOCTOR, OTHER]);
  });

  it('keeps "older history exists" from the first page, and updates it only from pages read backwards', () => {
    let state = messagingReducer(INITIAL_STATE, {
      type: 'pageLoaded',
      partnerId: DOCTOR,
      messages: [message(5)],
      hasMore: true,
      page: 'latest',
    });
    expect(state.threads[DOCTOR]!.hasOlder).toBe(true);
    state = messagingReducer(state, {
      type: 'pageLoaded',
      partnerId: DOCTOR,
      messages: [message(6)],
      hasMore: false,
      page: 'newer',
    });
    state = messagingReducer(state, {
      type: 'pageLoaded',
      partnerId: DOCTOR,
      messages: [message(6)],
      hasMore: false,
      page: 'latest',
    });
    expect(state.threads[DOCTOR]!.hasOlder).toBe(true);
    state = messagingReducer(state, {
      type: 'pageLoaded',
      partnerId: DOCTOR,
      messages: [message(4)],
      hasMore: false,
      page: 'older',
    });
    expect(state.threads[DOCTOR]!).toMatchObject({ hasOlder: false });
    expect(state.threads[DOCTOR]!.messages.map((item) => item.id)).toEqual(['m0004', 'm0005', 'm0006']);
  });

  it('adds an incoming message once, moves its conversation to the top and counts it unread once', () => {
    const incoming = message(9);
    let state = withThread(message(1));
    state = messagingReducer(state, { type: 'messageStored', message: incoming, myId: ME, readingNow: false });
    state = messagingReducer(state, { type: 'messageStored', message: incoming, myId: ME, readingNow: false });
    expect(state.threads[DOCTOR]!.messages).toHaveLength(2);
    expect(state.conversations![0]).toMatchObject({ user: { id: DOCTOR }, unreadCount: 1, lastMessage: { id: 'm0009' } });
    expect(totalUnread(state.conversations)).toBe(2);
  });

  it('does not count a message unread when the thread is on screen, nor my own', () => {
    let state = withThread(message(1));
    state = messagingReducer(state, { type: 'messageStored', message: message(2), myId: ME, readingNow: true });
    state = messagingReducer(state, {
      type: 'messageStored',
      message: message(3, { senderId: ME, receiverId: DOCTOR }),
      myId: ME,
      readingNow: false,
    });
    expect(state.conversations!.find((item) => item.user.id === DOCTOR)!.unreadCount).toBe(0);
  });

  it('applies edits, reactions and deletes to the loaded thread and the preview', () => {
    const original = message(1);
    let state = withThread(original);
    state = messagingReducer(state, { type: 'messageUpdated', message: { ...original, deleted: true, text: '' } });
    expect(state.threads[DOCTOR]!.messages[0]!.deleted).toBe(true);
    expect(state.conversations![0]!.lastMessage!.deleted).toBe(true);
  });

  it('turns my ticks to read when the partner reads', () => {
    const mine = message(1, { senderId: ME, receiverId: DOCTOR });
    let state = withThread(mine);
    state = messagingReducer(state, { type: 'messagesRead', readerId: DOCTOR, upTo: mine.id, readAt: 'now', myId: ME });
    expect(state.threads[DOCTOR]!.messages[0]!.readAt).toBe('now');
    expect(state.conversations![0]!.lastMessage!.readAt).toBe('now');
  });

  it('clears my unread count when I read in this or another tab', () => {
    const state = messagingReducer(
      {
        conversations: [conversation(DOCTOR, message(2), 2)],
        threads: { [DOCTOR]: { messages: [message(1), message(2)], hasOlder: false } },
      },
      { type: 'messagesRead', readerId: ME, upTo: 'm0002', readAt: 'now', myId: ME },
    );
    expect(state.conversations![0]!.unreadCount).toBe(0);
    expect(state.threads[DOCTOR]!.messages.every((item) => item.readAt === 'now')).toBe(true);
  });

  it('ignores a receipt for a message it knows nothing about', () => {
    const state = withThread(message(1));
    expect(messagingReducer(state, { type: 'messagesRead', readerId: ME, upTo: 'unknown', readAt: 'now', myId: ME })).toBe(state);
  });
});
