import { MAX_MESSAGE_LENGTH, type Message } from '@telehealth/shared';
import { useEffect, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { AttachmentPick } from './use-attachment-pick';

export type ComposerMode = { type: 'new'; replyTo: Message | null } | { type: 'edit'; message: Message };

/** A refused message put back into the box; a new `key` each time. */
export interface RestoredDraft {
  key: string;
  text: string;
  file: File | null;
  /** why its file was left out, if it was */
  fileProblem: string | null;
}

export interface ComposerDraftOptions {
  mode: ComposerMode;
  restored: RestoredDraft | null;
  attachment: Pick<AttachmentPick, 'file' | 'problem' | 'put' | 'clear'>;
  onCancelMode: () => void;
  onSend: (text: string, file: File | null) => Promise<void>;
  onSaveEdit: (message: Message, text: string) => Promise<void>;
  onTyping: (isTyping: boolean) => void;
}

/** The box's text, and what changes it besides typing: a refused message put back, an edit begun or left. */
function useDraftText(mode: ComposerMode, restored: RestoredDraft | null, attachment: ComposerDraftOptions['attachment']) {
  const [text, setText] = useState('');
  const editing = mode.type === 'edit' ? mode.message : null;

  // A refused message put back: its text after whatever is being written now, so neither is lost.
  const [restoredKey, setRestoredKey] = useState<string | null>(null);
  if (restored && restored.key !== restoredKey) {
    setRestoredKey(restored.key);
    setText(text.trim() ? `${text}\n${restored.text}` : restored.text);
    if (restored.file || restored.fileProblem) attachment.put(restored.file, restored.fileProblem);
  }

  // Entering edit mode puts the message's text in the box; leaving it clears the box.
  const [editingId, setEditingId] = useState<string | null>(null);
  if ((editing?.id ?? null) !== editingId) {
    setEditingId(editing?.id ?? null);
    setText(editing ? editing.text : '');
  }
  return { text, setText, editing };
}

/**
 * The text in the box and what it does: Enter sends (or saves an edit), Shift+Enter starts a new
 * line, Escape leaves a reply or an edit; typing tells the partner, and stopping (a send, leaving
 * the box, the box going away) tells them too.
 */
export function useComposerDraft({
  mode,
  restored,
  attachment,
  onCancelMode,
  onSend,
  onSaveEdit,
  onTyping,
}: ComposerDraftOptions) {
  const { text, setText, editing } = useDraftText(mode, restored, attachment);
  const [busy, setBusy] = useState(false);
  useEffect(() => () => onTyping(false), [onTyping]);

  const tooLong = text.length > MAX_MESSAGE_LENGTH;
  const canSubmit =
    !tooLong &&
    (editing
      ? text.trim() !== '' && text.trim() !== editing.text.trim()
      : text.trim() !== '' || (attachment.file !== null && !attachment.problem));

  async function submit() {
    if (!canSubmit || busy) return;
    onTyping(false);
    if (editing) {
      setBusy(true);
      try {
        await onSaveEdit(editing, text.trim());
        setText('');
      } finally {
        setBusy(false);
      }
      return;
    }
    const sending = { text: text.trim(), file: attachment.file };
    setText('');
    attachment.clear();
    await onSend(sending.text, sending.file);
  }

  const change = (value: string) => {
    setText(value);
    if (!editing) onTyping(value !== '');
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void submit();
    } else if (event.key === 'Escape' && (mode.type === 'edit' || mode.replyTo)) {
      event.preventDefault();
      onCancelMode();
    }
  };
  const stopTyping = () => onTyping(false);
  // disabled: nothing to send, too long, or a save under way
  return { text, editing, tooLong, disabled: !canSubmit || busy, change, stopTyping, onSubmit, onKeyDown };
}
