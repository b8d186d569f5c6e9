import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../lib/api-client';
import type { MessagingAction } from '../logic/messaging-state';
import { message } from '../logic/test-fixtures';
import { messageChanges } from './message-changes';

describe('messageChanges', () => {
  it('shows the message the server answers with, for an edit, a delete and a reaction', async () => {
    const edited = message(1, { text: 'fixed', editedAt: '2025-01-01T13:00:00.000Z' });
    const deleted = message(1, { deleted: true, text: '' });
    const reacted = message(1, { reactions: [{ emoji: '👍', userIds: ['me'] }] });
    const api = {
      editMessage: vi.fn(async () => edited),
      deleteMessage: vi.fn(async () => deleted),
      toggleReaction: vi.fn(async () => reacted),
      confirmInstructions: vi.fn(),
    };
    const dispatched: MessagingAction[] = [];
    const changes = messageChanges(api, (action) => dispatched.push(action));
    await changes.edit('m0001', 'fixed');
    await changes.remove('m0001');
    await changes.react('m0001', '👍');
    expect(api.editMessage).toHaveBeenCalledWith('m0001', 'fixed');
    expect(api.toggleReaction).toHaveBeenCalledWith('m0001', '👍');
    expect(dispatched).toEqual([edited, deleted, reacted].map((changed) => ({ type: 'messageUpdated', message: changed })));
  });

  it('a refusal reaches the caller (the view says why) and changes nothing', async () => {
    const refusal = new ApiError(403, 'FORBIDDEN', 'Only the sender can edit a message.');
    const api = {
      editMessage: vi.fn(async () => Promise.reject(refusal)),
      deleteMessage: vi.fn(),
      toggleReaction: vi.fn(),
      confirmInstructions: vi.fn(),
    };
    const dispatch = vi.fn();
    await expect(messageChanges(api, dispatch).edit('m0001', 'x')).rejects.toBe(refusal);
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('"I understand" asks the server and shows the confirmed instructions it answers with', async () => {
    const understood = message(1, { instructions: { confirmedAt: '2025-01-01T12:05:00.000Z' } });
    const api = {
      editMessage: vi.fn(),
      deleteMessage: vi.fn(),
      toggleReaction: vi.fn(),
      confirmInstructions: vi.fn(async () => understood),
    };
    const dispatched: MessagingAction[] = [];
    await messageChanges(api, (action) => dispatched.push(action)).understand('m0001');
    expect(api.confirmInstructions).toHaveBeenCalledWith('m0001');
    expect(dispatched).toEqual([{ type: 'messageUpdated', message: understood }]);
  });
});
