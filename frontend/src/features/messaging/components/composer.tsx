import { MAX_MESSAGE_LENGTH, type Message } from '@telehealth/shared';
import { useId, type Ref } from 'react';
import { useAttachmentPick } from '../hooks/use-attachment-pick';
import { useComposerDraft, type ComposerMode, type RestoredDraft } from '../hooks/use-composer-draft';
import type { InstructionsToggle } from '../hooks/use-thread-composer';
import {
  AttachButton,
  AttachmentChip,
  InstructionsSwitch,
  ReplyOrEditPreview,
  SendingPaused,
  TooLongNotice,
} from './composer-parts';

interface ComposerProps {
  partnerName: string;
  mode: ComposerMode;
  restored?: RestoredDraft | null;
  /** "Send as instructions", for a doctor writing to a patient; null or absent: not offered */
  instructions?: InstructionsToggle | null;
  authorName: (message: Message) => string;
  onCancelMode: () => void;
  onSend: (text: string, file: File | null) => Promise<void>;
  onSaveEdit: (message: Message, text: string) => Promise<void>;
  onTyping: (isTyping: boolean) => void;
  ref?: Ref<HTMLTextAreaElement>;
}

/**
 * Writes, replies and edits. Enter sends, Shift+Enter starts a new line (hooks/use-composer-draft.ts).
 * A file is checked here, by its first bytes and size, when it is attached (the server's own rule,
 * from shared/), so a file the server would refuse is never sent; the server checks it again.
 */
export function Composer({
  partnerName,
  mode,
  restored = null,
  instructions = null,
  authorName,
  onCancelMode,
  onSend,
  onSaveEdit,
  onTyping,
  ref,
}: ComposerProps) {
  const textareaId = useId();
  const fileProblemId = useId();
  const attachment = useAttachmentPick();
  const draft = useComposerDraft({ mode, restored, attachment, onCancelMode, onSend, onSaveEdit, onTyping });
  const { file, problem } = attachment;
  const { editing } = draft;
  // an edit keeps what the message was: the switch is for new messages only
  const asInstructions = !editing && instructions?.on === true;

  return (
    <form className="composer" data-instructions={asInstructions} onSubmit={draft.onSubmit}>
      <ReplyOrEditPreview mode={mode} authorName={authorName} onCancel={onCancelMode} />
      <SendingPaused />
      {file && <AttachmentChip file={file} onRemove={attachment.remove} />}
      {problem && (
        <p id={fileProblemId} className="composer-refusal" role="alert">
          {problem}
        </p>
      )}
      {draft.tooLong && <TooLongNotice length={draft.text.length} />}
      {!editing && instructions && <InstructionsSwitch toggle={instructions} />}
      <div className="composer-row">
        {!editing && <AttachButton inputRef={attachment.inputRef} onChoose={attachment.choose} />}
        <label htmlFor={textareaId} className="visually-hidden">
          {editing ? 'Edit message' : `Message to ${partnerName}`}
        </label>
        <textarea
          ref={ref}
          id={textareaId}
          className="composer-input"
          rows={1}
          maxLength={MAX_MESSAGE_LENGTH}
          value={draft.text}
          placeholder={editing ? 'Edit your message' : 'Write a message'}
          aria-describedby={problem ? fileProblemId : undefined}
          onChange={(event) => draft.change(event.target.value)}
          onKeyDown={draft.onKeyDown}
          onBlur={draft.stopTyping}
        />
        <button type="submit" className="button button-primary" disabled={draft.disabled}>
          {editing ? 'Save' : asInstructions ? 'Send instructions' : 'Send'}
        </button>
      </div>
    </form>
  );
}
