// @vitest-environment jsdom
import { renderHook } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { MessagingApi } from '../api/messaging-api';
import { INITIAL_STATE, messagingReducer, type MessagingAction, type MessagingState } from '../logic/messaging-state';
import { message } from '../logic/test-fixtures';
import { page } from './messaging-fakes.test-support';
import { OLDER_PAGE, useThreadPages } from './use-thread-pages';

type GetMessages = MessagingApi['getMessages'];

/** The hook over a reducer the test drives by hand, as the provider's would. */
function setup(getMessages: GetMessages, state: MessagingState = INITIAL_STATE) {
  const stateRef = { current: state };
  const dispatched: MessagingAction[] = [];
  const dispatch = (action: MessagingAction) => {
    dispatched.push(action);
    stateRef.current = messagingReducer(stateRef.current, action);
  };
  const { result } = renderHook(() => useThreadPages(stateRef, dispatch, getMessages));
  return { pages: result.current, stateRef, dispatched };
}

const withThread = (hasOlder: boolean): MessagingState => ({
  ...INITIAL_STATE,
  threads: { p1: { messages: [message(51), message(52)], hasOlder } },
});

describe('useThreadPages', () => {
  it('loads a thread’s newest page once, however often it is asked', async () => {
    const getMessages = vi.fn<GetMessages>(async () => page([message(1)]));
    const { pages, stateRef } = setup(getMessages);
    await Promise.all([pages.loadThread('p1'), pages.loadThread('p1')]);
    await pages.loadThread('p1');
    expect(getMessages.mock.calls).toEqual([['p1']]);
    expect(stateRef.current.threads.p1?.messages).toHaveLength(1);
  });

  it('a failed load rejects (the view offers a retry), and the next ask tries again', async () => {
    const getMessages = vi.fn<GetMessages>().mockRejectedValueOnce(new Error('down')).mockResolvedValue(page([]));
    const { pages } = setup(getMessages);
    await expect(pages.loadThread('p1')).rejects.toThrow('down');
    await pages.loadThread('p1');
    expect(getMessages).toHaveBeenCalledTimes(2);
  });

  it('older pages: before the oldest loaded, one request shared by callers, and the next page reads the new oldest', async () => {
    const getMessages = vi.fn<GetMessages>(async (_partnerId, cursor = {}) =>
      cursor.before === 'm0051' ? page([message(49), message(50)], true) : page([message(48)]),
    );
    const { pages } = setup(getMessages, withThread(true));
    const [first, shared] = await Promise.all([pages.loadOlder('p1'), pages.loadOlder('p1')]);
    expect(first).toEqual(['m0049', 'm0050']);
    expect(shared).toBe(first);
    expect(await pages.loadOlder('p1')).toEqual(['m0048']);
    expect(getMessages.mock.calls).toEqual([
      ['p1', { before: 'm0051' }, { limit: OLDER_PAGE }],
      ['p1', { before: 'm0049' }, { limit: OLDER_PAGE }],
    ]);
    expect(await pages.loadOlder('p1')).toEqual([]);
  });

  it('nothing older to load: no request', async () => {
    const getMessages = vi.fn<GetMessages>();
    const { pages } = setup(getMessages, withThread(false));
    expect(await pages.loadOlder('p1')).toEqual([]);
    expect(await pages.loadOlder('unknown')).toEqual([]);
    expect(getMessages).not.toHaveBeenCalled();
  });
});
