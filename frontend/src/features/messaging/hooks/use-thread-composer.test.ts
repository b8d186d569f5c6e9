// @vitest-environment jsdom
import type { Role } from '@telehealth/shared';
import { act, renderHook } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../lib/api-client';
import type { MessageActions } from '../context/message-context';
import { message } from '../logic/test-fixtures';
import { queuedEntry } from './messaging-fakes.test-support';
import { useThreadComposer } from './use-thread-composer';

function setup(edit: MessageActions['edit'] = async () => undefined, partnerRole: Role | null = 'doctor') {
  const actions = {
    send: vi.fn<MessageActions['send']>(async () => undefined),
    edit: vi.fn(edit),
    discard: vi.fn<MessageActions['discard']>(),
  };
  const focus = vi.fn();
  const composerRef = { current: { focus } as unknown as HTMLTextAreaElement };
  const onError = vi.fn<(message: string | null) => void>();
  const hook = renderHook(() => useThreadComposer({ actions, partnerId: 'partner', partnerRole, composerRef, onError }));
  return { ...hook, actions, focus, onError };
}

describe('useThreadComposer', () => {
  it('a reply sends the quoted message’s preview, and the next message is a new one', async () => {
    const { result, actions, focus } = setup();
    const quoted = message(1, { text: 'How are you?' });
    act(() => result.current.reply(quoted));
    expect(focus).toHaveBeenCalled();
    await act(() => result.current.send('Better, thanks', null));
    expect(actions.send).toHaveBeenCalledWith('partner', {
      text: 'Better, thanks',
      replyTo: { id: quoted.id, senderId: quoted.senderId, text: 'How are you?', deleted: false },
      file: null,
      instructions: false,
    });
    expect(result.current.mode).toEqual({ type: 'new', replyTo: null });
  });

  it('an edit the server refuses stays open, with the reason shown', async () => {
    const { result, onError } = setup(() => Promise.reject(new ApiError(403, 'FORBIDDEN', 'Too late to edit')));
    const mine = message(2);
    act(() => result.current.edit(mine));
    await act(() => expect(result.current.saveEdit(mine, 'Fixed')).rejects.toBeInstanceOf(ApiError));
    expect(result.current.mode).toEqual({ type: 'edit', message: mine });
    expect(onError).toHaveBeenLastCalledWith(expect.any(String));
    expect(onError).not.toHaveBeenLastCalledWith(null);
  });

  it('a refused message goes back into the box, out of the outbox, and the box is focused', async () => {
    const { result, actions, focus } = setup();
    await act(() => result.current.restore(queuedEntry('c1', 1, { text: 'Try again', state: 'failed' })));
    expect(actions.discard).toHaveBeenCalledWith('c1');
    expect(result.current.restored).toEqual({ key: 'c1', text: 'Try again', file: null, fileProblem: null });
    expect(focus).toHaveBeenCalled();
  });

  it('to a patient, "Send as instructions" marks one send, then turns off', async () => {
    const { result, actions } = setup(undefined, 'patient');
    act(() => result.current.instructions?.set(true));
    expect(result.current.instructions?.on).toBe(true);
    await act(() => result.current.send('Take one tablet twice a day', null));
    expect(actions.send).toHaveBeenLastCalledWith('partner', expect.objectContaining({ instructions: true }));
    expect(result.current.instructions?.on).toBe(false);
    await act(() => result.current.send('And drink water', null));
    expect(actions.send).toHaveBeenLastCalledWith('partner', expect.objectContaining({ instructions: false }));
  });

  it('is not offered to a doctor (a patient writes to one), nor while the partner is unknown', () => {
    expect(setup(undefined, 'doctor').result.current.instructions).toBeNull();
    expect(setup(undefined, null).result.current.instructions).toBeNull();
  });

  it('refused instructions come back into the box still marked as instructions', async () => {
    const { result } = setup(undefined, 'patient');
    await act(() => result.current.restore(queuedEntry('c2', 1, { text: 'Rest', state: 'failed', instructions: true })));
    expect(result.current.instructions?.on).toBe(true);
  });
});
