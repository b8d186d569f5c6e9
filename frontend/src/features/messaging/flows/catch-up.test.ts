import { describe, expect, it, vi } from 'vitest';
import type { MessagingApi } from '../api/messaging-api';
import { page } from '../hooks/messaging-fakes.test-support';
import type { MessagingAction } from '../logic/messaging-state';
import { message } from '../logic/test-fixtures';
import { CATCH_UP_PAGE, catchUp } from './catch-up';

type GetMessages = MessagingApi['getMessages'];

describe('catchUp', () => {
  it('reads each loaded thread forwards from its newest message, page after page, then the open one’s newest page again', async () => {
    const getMessages = vi.fn<GetMessages>(async (partnerId, cursor = {}) => {
      if (partnerId === 'open' && cursor.after === 'm0002') return page([message(3)], true);
      if (partnerId === 'open' && cursor.after === 'm0003') return page([message(4)]);
      if (partnerId === 'open') return page([message(3), message(4)]);
      return page([]);
    });
    const dispatched: MessagingAction[] = [];
    await catchUp(
      { open: { messages: [message(1), message(2)], hasOlder: false }, other: { messages: [message(9)], hasOlder: false } },
      { getMessages, dispatch: (action) => dispatched.push(action), openThread: () => 'open' },
    );
    expect(getMessages.mock.calls).toEqual([
      ['open', { after: 'm0002' }, { limit: CATCH_UP_PAGE }],
      ['other', { after: 'm0009' }, { limit: CATCH_UP_PAGE }],
      ['open', { after: 'm0003' }, { limit: CATCH_UP_PAGE }],
      ['open'],
    ]);
    expect(
      dispatched.map((action) => (action.type === 'pageLoaded' ? `${action.partnerId}:${action.page}` : action.type)),
    ).toEqual(['open:newer', 'other:newer', 'open:newer', 'open:latest']);
  });

  it('an empty thread gets its newest page; a thread that fails stays as it is, and the others still catch up', async () => {
    const first = message(1);
    const getMessages = vi.fn<GetMessages>(async (partnerId) =>
      partnerId === 'broken' ? Promise.reject(new Error('down')) : page([first]),
    );
    const dispatch = vi.fn<(action: MessagingAction) => void>();
    await catchUp(
      { broken: { messages: [message(5)], hasOlder: false }, empty: { messages: [], hasOlder: false } },
      { getMessages, dispatch, openThread: () => null },
    );
    expect(dispatch.mock.calls).toEqual([
      [{ type: 'pageLoaded', partnerId: 'empty', messages: [first], hasMore: false, page: 'latest' }],
    ]);
  });
});
