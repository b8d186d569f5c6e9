import { ALLOWED_FILE_TYPES, MAX_MESSAGE_LENGTH, type Message } from '@telehealth/shared';
import { useEffect, useId, useState, type RefObject } from 'react';
import { useMessages } from '../context/message-context';
import type { ComposerMode } from '../hooks/use-composer-draft';
import type { InstructionsToggle } from '../hooks/use-thread-composer';
import { formatFileSize } from '../logic/labels';
import { pausedNotice, sendingPausedUntil } from '../logic/outbox-retry';

// The pieces of the composer (composer.tsx): what it is replying to or editing, the file, the notices.
/** Above the box while replying (the quoted message) or editing, with the button that leaves it. */
export function ReplyOrEditPreview({
  mode,
  authorName,
  onCancel,
}: {
  mode: ComposerMode;
  authorName: (message: Message) => string;
  onCancel: () => void;
}) {
  if (mode.type === 'edit')
    return (
      <div className="composer-context">
        <p>
          <strong>Editing your message</strong>
        </p>
        <button type="button" className="button button-quiet" onClick={onCancel}>
          Cancel editing
        </button>
      </div>
    );
  if (!mode.replyTo) return null;
  return (
    <div className="composer-context">
      <p>
        <strong>Replying to {authorName(mode.replyTo)}</strong>
        <span className="composer-context-quote">{mode.replyTo.text || mode.replyTo.attachment?.name}</span>
      </p>
      <button type="button" className="button button-quiet" onClick={onCancel}>
        Cancel reply
      </button>
    </div>
  );
}

/** The file that goes with the message: its name and size, and the button that takes it off. */
export function AttachmentChip({ file, onRemove }: { file: File; onRemove: () => void }) {
  return (
    <div className="composer-file">
      <span>
        {file.name} · {formatFileSize(file.size)}
      </span>
      <button type="button" className="button button-quiet" onClick={onRemove}>
        Remove attachment
      </button>
    </div>
  );
}

/** How far over the limit the text is, while it is. */
export function TooLongNotice({ length }: { length: number }) {
  return (
    <p className="composer-notice" role="status">
      This message is {(length - MAX_MESSAGE_LENGTH).toLocaleString('en')} characters too long: a message can have up to{' '}
      {MAX_MESSAGE_LENGTH.toLocaleString('en')}.
    </p>
  );
}

/** The paperclip, and the hidden file input it opens (offering only the types the server takes). */
export function AttachButton({
  inputRef,
  onChoose,
}: {
  inputRef: RefObject<HTMLInputElement | null>;
  onChoose: (chosen: File | undefined) => Promise<void>;
}) {
  return (
    <>
      <button type="button" className="button button-quiet composer-attach" onClick={() => inputRef.current?.click()}>
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
        ref={inputRef}
        type="file"
        hidden
        tabIndex={-1}
        accept={ALLOWED_FILE_TYPES.join(',')}
        onChange={(event) => void onChoose(event.target.files?.[0])}
      />
    </>
  );
}

/**
 * While the server's rate limit holds the outbox back: says so, counting down, so nobody thinks
 * the messages are lost (they wait in the outbox and go out by themselves when it reaches 0).
 */
export function SendingPaused() {
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

/** A doctor's "Send as instructions": a real checkbox, so its state is said as well as shown. */
export function InstructionsSwitch({ toggle }: { toggle: InstructionsToggle }) {
  const hintId = useId();
  return (
    <div className="composer-instructions">
      <label>
        <input
          type="checkbox"
          checked={toggle.on}
          aria-describedby={hintId}
          onChange={(event) => toggle.set(event.target.checked)}
        />
        Send as instructions
      </label>
      <span id={hintId} className="composer-instructions-hint">
        The patient is asked to confirm they understood.
      </span>
    </div>
  );
}
