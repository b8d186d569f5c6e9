// @vitest-environment jsdom
import type { Conversation } from '@telehealth/shared';
import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../lib/api-client';
import type { MessagingAction } from '../logic/messaging-state';
import { conversation, DOCTOR } from '../logic/test-fixtures';
import { useConversations } from './use-conversations';

type GetConversations = () => Promise<{ conversations: Conversation[] }>;

describe('useConversations', () => {
  it('reads the list on start and puts it in the state', async () => {
    const list = [conversation(DOCTOR, null)];
    const dispatch = vi.fn<(action: MessagingAction) => void>();
    const getConversations = vi.fn<GetConversations>(async () => ({ conversations: list }));
    const { result } = renderHook(() => useConversations(dispatch, getConversations));
    await waitFor(() => expect(dispatch).toHaveBeenCalledWith({ type: 'conversationsLoaded', conversations: list }));
    expect(result.current.error).toBeNull();
  });

  it('says why the list could not be read, answers null, and clears the error once it can', async () => {
    const dispatch = vi.fn<(action: MessagingAction) => void>();
    const getConversations = vi
      .fn<GetConversations>()
      .mockRejectedValueOnce(new ApiError(503, 'DATABASE_UNAVAILABLE', 'down'))
      .mockResolvedValue({ conversations: [] });
    const { result } = renderHook(() => useConversations(dispatch, getConversations));
    await waitFor(() => expect(result.current.error).toBe('The service is briefly unavailable. Please try again in a moment.'));
    expect(await act(() => result.current.refresh())).toEqual([]);
    expect(result.current.error).toBeNull();
  });
});
