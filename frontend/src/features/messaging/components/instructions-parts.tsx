import type { Message } from '@telehealth/shared';
import { useRef, useState } from 'react';
import { useMessages } from '../context/message-context';
import { instructionsView, understoodWhen } from '../logic/instructions';

// Instructions a doctor sent and the patient confirms (issue 16): their mark, where they stand, and "I understand".
/** The mark at the top of instructions: a word and a sign, so it never rests on colour alone. */
export function InstructionsLabel() {
  return (
    <p className="instructions-label">
      <svg
        aria-hidden="true"
        width="16"
        height="16"
        viewBox="0 0 24 24"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
      >
        <rect x="5" y="4" width="14" height="17" rx="2" />
        <path d="M9 4V3h6v1M9 10h6M9 14h6M9 18h3" />
      </svg>
      Instructions
    </p>
  );
}

interface UnderstandButtonProps {
  messageId: string;
  /** the server took the confirmation */
  onUnderstood?: () => void;
  onError: (error: unknown) => void;
  /** what is being confirmed, where several are listed */
  describedBy?: string;
}

/**
 * The patient's "I understand": asks the server once and stays disabled until it answers (the
 * server takes one confirmation; a second press would only meet a 409).
 */
export function UnderstandButton({ messageId, onUnderstood, onError, describedBy }: UnderstandButtonProps) {
  const { actions } = useMessages();
  const [confirming, setConfirming] = useState(false);
  // a second tap before the disabled state renders must not send again
  const inFlight = useRef(false);
  const confirm = async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    setConfirming(true);
    try {
      await actions.understand(messageId);
      onUnderstood?.();
    } catch (error) {
      onError(error);
    } finally {
      inFlight.current = false;
      setConfirming(false);
    }
  };
  return (
    <button
      type="button"
      className="button button-primary button-small instructions-understand"
      disabled={confirming}
      aria-describedby={describedBy}
      onClick={() => void confirm()}
    >
      I understand
    </button>
  );
}

interface InstructionsStatusProps {
  message: Message;
  myId: string;
  onReply: (message: Message) => void;
  onError: (error: unknown) => void;
}

/**
 * Under stored instructions: the patient's "I understand" (or a question, which is a reply), the
 * doctor's "Waiting for confirmation", and for both "Understood at 10:42" once confirmed.
 */
export function InstructionsStatus({ message, myId, onReply, onError }: InstructionsStatusProps) {
  const view = instructionsView(message, myId);
  switch (view) {
    case null:
      return null;
    case 'understood': {
      const confirmedAt = message.instructions?.confirmedAt ?? message.createdAt;
      return (
        <p className="instructions-status" data-state="understood">
          <span aria-hidden="true">✓ </span>
          Understood <time dateTime={confirmedAt}>{understoodWhen(confirmedAt, message.createdAt)}</time>
        </p>
      );
    }
    case 'waiting':
      return (
        <p className="instructions-status" data-state="waiting">
          <span aria-hidden="true">◷ </span>
          Waiting for confirmation
        </p>
      );
    case 'to-confirm':
      return (
        <div className="instructions-answer">
          <UnderstandButton messageId={message.id} onError={onError} />
          <button type="button" className="button button-quiet button-small" onClick={() => onReply(message)}>
            Ask a question
          </button>
        </div>
      );
  }
}
