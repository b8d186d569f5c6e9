import { ALLOWED_FILE_TYPES, MAX_MESSAGE_LENGTH, type Message } from '@telehealth/shared';
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent, type Ref } from 'react';
import { checkAttachment } from '../logic/attachment-check';
import { formatFileSize } from '../logic/labels';
import { pausedNotice, sendingPausedUntil } from '../logic/outbox-retry';
import { useMessages } from '../context/message-context';

export type ComposerMode = { type: 'new'; replyTo: Message | null } | { type: 'edit'; message: Message };

/** A refused message put back into the box; a new `key` each time. */
export interface RestoredDraft {
  key: string;
  text: string;
  file: File | null;
  /** why its file was left out, if it was */
  fileProblem: string | null;
}

interface ComposerProps {
  partnerName: string;
  mode: ComposerMode;
  restored?: RestoredDraft | null;
  authorName: (message: Message) => string;
  onCancelMode: () => void;
  onSend: (text: string, file: File | null) => Promise<void>;
  onSaveEdit: (message: Message, text: string) => Promise<void>;
  onTyping: (isTyping: boolean) => void;
  ref?: Ref<HTMLTextAreaElement>;
}

/**
 * Writes, replies and edits. Enter sends, Shift+Enter starts a new line. A file is checked here, by
 * its first bytes and size, when it is attached (the server's own rule, from shared/), so a file the
 * server would refuse is never sent; the server checks it again.
 */
export function Composer({ partnerName, mode, restored = null, authorName, onCancelMode, onSend, onSaveEdit, onTyping, ref }: ComposerProps) {
  const textareaId = useId();
  const fileProblemId = useId();
  const [text, setText] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const fileInputRef = useRef<HTMLInputElement>(null);
  // Only the latest file picked counts, if an earlier one's check finishes after it.
  const checkingRef = useRef(0);
  const editing = mode.type === 'edit' ? mode.message : null;

  // A refused message put back: its text after whatever is being written now, so neither is lost.
  const [restoredKey, setRestoredKey] = useState<string | null>(null);
  if (restored && restored.key !== restoredKey) {
    setRestoredKey(restored.key);
    setText(text.trim() ? `${text}\n${restored.text}` : restored.text);
    if (restored.file || restored.fileProblem) {
      setFile(restored.file);
      setFileProblem(restored.fileProblem);
    }
  }

  // Entering edit mode puts the message's text in the box; leaving it clears the box.
  const [editingId, setEditingId] = useState<string | null>(null);
  if ((editing?.id ?? null) !== editingId) {
    setEditingId(editing?.id ?? null);
    setText(editing ? editing.text : '');
  }

  useEffect(() => () => onTyping(false), [onTyping]);

  const tooLong = text.length > MAX_MESSAGE_LENGTH;
  const canSubmit =
    !tooLong &&
    (editing ? text.trim() !== '' && text.trim() !== editing.text.trim() : text.trim() !== '' || (file !== null && !fileProblem));

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
    const sending = { text: text.trim(), file };
    setText('');
    setFile(null);
    setFileProblem(null);
    await onSend(sending.text, sending.file);
  }

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

  const chooseFile = async (chosen: File | undefined) => {
    if (fileInputRef.current) fileInputRef.current.value = '';
    if (!chosen) return;
    const check = ++checkingRef.current;
    setFile(null);
    setFileProblem(null);
    const problem = await checkAttachment(chosen);
    if (check !== checkingRef.current) return;
    setFileProblem(problem);
    setFile(problem ? null : chosen);
  };

  const context =
    mode.type === 'edit' ? (
      <div className="composer-context">
        <p>
          <strong>Editing your message</strong>
        </p>
        <button type="button" className="button button-quiet" onClick={onCancelMode}>
          Cancel editing
        </button>
      </div>
    ) : mode.replyTo ? (
      <div className="composer-context">
        <p>
          <strong>Replying to {authorName(mode.replyTo)}</strong>
          <span className="composer-context-quote">{mode.replyTo.text || mode.replyTo.attachment?.name}</span>
        </p>
        <button type="button" className="button button-quiet" onClick={onCancelMode}>
          Cancel reply
        </button>
      </div>
    ) : null;

  return (
    <form className="composer" onSubmit={onSubmit}>
      {context}
      <SendingPaused />
      {file && (
        <div className="composer-file">
          <span>
            {file.name} · {formatFileSize(file.size)}
          </span>
          <button type="button" className="button button-quiet" onClick={() => setFile(null)}>
            Remove attachment
          </button>
        </div>
      )}
      {fileProblem && (
        <p id={fileProblemId} className="composer-refusal" role="alert">
          {fileProblem}
        </p>
      )}
      {tooLong && (
        <p className="composer-notice" role="status">
          This message is {(text.length - MAX_MESSAGE_LENGTH).toLocaleString('en')} characters too long: a message can have up to{' '}
          {MAX_MESSAGE_LENGTH.toLocaleString('en')}.
        </p>
      )}
      <div className="composer-row">
        {!editing && (
          <>
            <button type="button" className="button button-quiet composer-attach" onClick={() => fileInputRef.current?.click()}>
              <svg
                aria-hidden="true"
                width="20"
                height="20"
                viewBox="0 0 24 24"
                fill="none"
                stroke="currentColor"
                strokeWidth="2"
                strokeLinecap="round"
                strokeLinejoin="round"
              >
                <path d="M21.4 11.1 12.2 20.3a6 6 0 0 1-8.5-8.5l9.2-9.2a4 4 0 0 1 5.7 5.7l-9.2 9.2a2 2 0 0 1-2.8-2.8l8.5-8.5" />
              </svg>
              <span className="visually-hidden">Attach file</span>
            </button>
            <input
              ref={fileInputRef}
              type="file"
              hidden
              tabIndex={-1}
              accept={ALLOWED_FILE_TYPES.join(',')}
              onChange={(event) => void chooseFile(event.target.files?.[0])}
            />
          </>
        )}
        <label htmlFor={textareaId} className="visually-hidden">
          {editing ? 'Edit message' : `Message to ${partnerName}`}
        </label>
        <textarea
          ref={ref}
          id={textareaId}
          className="composer-input"
          rows={1}
          maxLength={MAX_MESSAGE_LENGTH}
          value={text}
          placeholder={editing ? 'Edit your message' : 'Write a message'}
          aria-describedby={fileProblem ? fileProblemId : undefined}
          onChange={(event) => {
            setText(event.target.value);
            if (!editing) onTyping(event.target.value !== '');
          }}
          onKeyDown={onKeyDown}
          onBlur={() => onTyping(false)}
        />
        <button type="submit" className="button button-primary" disabled={!canSubmit || busy}>
          {editing ? 'Save' : 'Send'}
        </button>
      </div>
    </form>
  );
}

/**
 * While the server's rate limit holds the outbox back: says so, counting down, so nobody thinks
 * the messages are lost (they wait in the outbox and go out by themselves when it reaches 0).
 */
function SendingPaused() {
  const { outbox } = useMessages();
  const [now, setNow] = useState(() => Date.now());
  const pausedUntil = sendingPausedUntil(outbox, now);
  const paused = pausedUntil !== null;
  useEffect(() => {
    if (!paused) return;
    // Ticks only while paused; the first tick also corrects a `now` left from an earlier pause.
    const ticker = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(ticker);
  }, [paused]);
  if (pausedUntil === null) return null;
  return (
    <p className="composer-notice" role="status">
      {pausedNotice(pausedUntil, now)}
    </p>
  );
}
