import type { Message, Role } from '@telehealth/shared';
import { useCallback, useState, type RefObject } from 'react';
import { describeError } from '../../../lib/error-message';
import type { MessageActions } from '../context/message-context';
import { checkAttachment } from '../logic/attachment-check';
import { offersInstructions } from '../logic/instructions';
import type { OutboxEntry } from '../logic/outbox';
import type { ComposerMode, RestoredDraft } from './use-composer-draft';

const WRITING_NEW: ComposerMode = { type: 'new', replyTo: null };

interface ThreadComposerOptions {
  actions: Pick<MessageActions, 'send' | 'edit' | 'discard'>;
  partnerId: string;
  /** the partner's role (undefined until they are known): a doctor may send a patient instructions */
  partnerRole: Role | null | undefined;
  /** the message box, focused when a row's action leads back to it */
  composerRef: RefObject<HTMLTextAreaElement | null>;
  /** an error message to show, or null to clear the last one */
  onError: (message: string | null) => void;
}

/** "Send as instructions" in the composer: null where it is not offered. */
export interface InstructionsToggle {
  on: boolean;
  set: (on: boolean) => void;
}

/**
 * What the thread's composer is doing (a new message, a reply, an edit, instructions or not) and
 * what comes back into it (a refused message). A send ends a reply and turns instructions off at
 * once; an edit ends only once the server saved it.
 */
export function useThreadComposer({ actions, partnerId, partnerRole, composerRef, onError }: ThreadComposerOptions) {
  const [mode, setMode] = useState<ComposerMode>(WRITING_NEW);
  const [restored, setRestored] = useState<RestoredDraft | null>(null);
  const [asInstructions, setAsInstructions] = useState(false);
  const instructions: InstructionsToggle | null = offersInstructions(partnerRole)
    ? { on: asInstructions, set: setAsInstructions }
    : null;

  const reply = useCallback(
    (message: Message) => {
      setMode({ type: 'new', replyTo: message });
      composerRef.current?.focus();
    },
    [composerRef],
  );
  const edit = useCallback(
    (message: Message) => {
      setMode({ type: 'edit', message });
      composerRef.current?.focus();
    },
    [composerRef],
  );
  const cancel = useCallback(() => setMode(WRITING_NEW), []);

  // A refused message goes back into the box as it was written; its file only if it can still be sent.
  const restore = useCallback(
    async (entry: OutboxEntry) => {
      const file = entry.file ? new File([entry.file.blob], entry.file.name, { type: entry.file.type }) : null;
      const fileProblem = file ? await checkAttachment(file) : null;
      actions.discard(entry.clientId);
      // refused instructions come back as instructions: sent again, they must not lose the mark
      if (entry.instructions) setAsInstructions(true);
      setRestored({ key: entry.clientId, text: entry.text, file: fileProblem ? null : file, fileProblem });
      composerRef.current?.focus();
    },
    [actions, composerRef],
  );

  const send = async (text: string, file: File | null) => {
    onError(null);
    const replyTo =
      mode.type === 'new' && mode.replyTo
        ? { id: mode.replyTo.id, senderId: mode.replyTo.senderId, text: mode.replyTo.text, deleted: mode.replyTo.deleted }
        : null;
    // Each send decides for itself: the next message is an ordinary one unless ticked again.
    const sendingInstructions = instructions?.on ?? false;
    setMode(WRITING_NEW);
    setAsInstructions(false);
    await actions.send(partnerId, { text, replyTo, file, instructions: sendingInstructions });
  };

  const saveEdit = async (message: Message, text: string) => {
    onError(null);
    try {
      await actions.edit(message.id, text);
      setMode(WRITING_NEW);
    } catch (error) {
      onError(describeError(error));
      throw error;
    }
  };

  return { mode, restored, instructions, reply, edit, cancel, restore, send, saveEdit };
}
