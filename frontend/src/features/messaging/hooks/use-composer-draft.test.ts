// @vitest-environment jsdom
import { MAX_MESSAGE_LENGTH, type Message } from '@telehealth/shared';
import { act, renderHook } from '@testing-library/react';
import type { KeyboardEvent } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { message } from '../logic/test-fixtures';
import { useAttachmentPick } from './use-attachment-pick';
import { useComposerDraft, type ComposerMode, type RestoredDraft } from './use-composer-draft';

const key = (name: string, shiftKey = false) =>
  ({
    key: name,
    shiftKey,
    nativeEvent: { isComposing: false },
    preventDefault: vi.fn(),
  }) as unknown as KeyboardEvent<HTMLTextAreaElement>;

function setup(mode: ComposerMode = { type: 'new', replyTo: null }) {
  const onSend = vi.fn<(text: string, file: File | null) => Promise<void>>(async () => undefined);
  const onSaveEdit = vi.fn<(message: Message, text: string) => Promise<void>>(async () => undefined);
  const onTyping = vi.fn<(isTyping: boolean) => void>();
  const onCancelMode = vi.fn();
  const hook = renderHook(
    (props: { mode: ComposerMode; restored: RestoredDraft | null }) => {
      const attachment = useAttachmentPick(async () => null);
      return { attachment, draft: useComposerDraft({ ...props, attachment, onCancelMode, onSend, onSaveEdit, onTyping }) };
    },
    { initialProps: { mode, restored: null as RestoredDraft | null } },
  );
  return { ...hook, onSend, onSaveEdit, onTyping, onCancelMode };
}

describe('useComposerDraft', () => {
  it('Enter sends the trimmed text and the file, empties the box, and says typing stopped', async () => {
    const { result, onSend, onTyping } = setup();
    act(() => result.current.draft.change('  Hello '));
    expect(onTyping).toHaveBeenLastCalledWith(true);
    const file = new File(['%PDF'], 'scan.pdf');
    await act(() => result.current.attachment.choose(file));
    await act(async () => result.current.draft.onKeyDown(key('Enter')));
    expect(onSend).toHaveBeenCalledWith('Hello', file);
    expect(onTyping).toHaveBeenLastCalledWith(false);
    expect([result.current.draft.text, result.current.attachment.file]).toEqual(['', null]);
  });

  it('Shift+Enter sends nothing; an empty or too long message cannot be sent', async () => {
    const { result, onSend } = setup();
    expect(result.current.draft.disabled).toBe(true);
    act(() => result.current.draft.change('one line'));
    await act(async () => result.current.draft.onKeyDown(key('Enter', true)));
    expect(onSend).not.toHaveBeenCalled();
    act(() => result.current.draft.change('x'.repeat(MAX_MESSAGE_LENGTH + 1)));
    expect([result.current.draft.tooLong, result.current.draft.disabled]).toEqual([true, true]);
  });

  it('an edit starts from the message’s text, saves only a change, and Escape leaves it', async () => {
    const editing = message(1, { text: 'Original' });
    const { result, onSaveEdit, onCancelMode } = setup({ type: 'edit', message: editing });
    expect([result.current.draft.text, result.current.draft.disabled]).toEqual(['Original', true]);
    act(() => result.current.draft.change('Changed'));
    await act(async () => result.current.draft.onKeyDown(key('Enter')));
    expect(onSaveEdit).toHaveBeenCalledWith(editing, 'Changed');
    act(() => result.current.draft.onKeyDown(key('Escape')));
    expect(onCancelMode).toHaveBeenCalledTimes(1);
  });

  it('a refused message put back goes after what is being written, with its file’s refusal', () => {
    const { result, rerender } = setup();
    act(() => result.current.draft.change('New words'));
    const restored = { key: 'c1', text: 'Old words', file: null, fileProblem: 'This file is empty.' };
    rerender({ mode: { type: 'new', replyTo: null }, restored });
    expect(result.current.draft.text).toBe('New words\nOld words');
    expect(result.current.attachment.problem).toBe('This file is empty.');
    rerender({ mode: { type: 'new', replyTo: null }, restored });
    expect(result.current.draft.text).toBe('New words\nOld words');
  });

  it('tells the partner typing stopped when the box goes away', () => {
    const { unmount, onTyping } = setup();
    unmount();
    expect(onTyping).toHaveBeenLastCalledWith(false);
  });
});
