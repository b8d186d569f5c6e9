import { doctorName } from '@telehealth/shared';
import { useId, useState } from 'react';
import { Link } from 'react-router-dom';
import { describeError } from '../../../lib/error-message';
import type { AppSocket } from '../../../lib/socket';
import { usePendingInstructions, type PendingInstruction } from '../hooks/use-pending-instructions';
import { UnderstandButton } from './instructions-parts';
import { LinkifiedText } from './linkified-text';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/**
 * On the patient's home: the instructions they have not confirmed yet, from every doctor, each
 * with "I understand" and the way to its thread (to ask a question there). Gone once none is left.
 */
export function PendingInstructions({ socket }: { socket: AppSocket | null }) {
  const { instructions, status, reload, apply } = usePendingInstructions(socket);
  if (instructions === null) {
    // Not shown while loading; a failure says so, since unconfirmed instructions matter.
    if (status !== 'failed') return null;
    return (
      <section className="pending-instructions" aria-labelledby="pending-instructions-heading">
        <h2 id="pending-instructions-heading">Instructions to confirm</h2>
        <p role="alert">
          Your doctors’ instructions could not be loaded.{' '}
          <button type="button" className="button button-quiet button-small" onClick={() => void reload()}>
            Try again
          </button>
        </p>
      </section>
    );
  }
  if (instructions.length === 0) return null;
  return (
    <section className="pending-instructions" aria-labelledby="pending-instructions-heading">
      <h2 id="pending-instructions-heading">Instructions to confirm</h2>
      <p className="muted">Tell your doctor you have read and understood these, or ask them a question.</p>
      <ul className="card-list" aria-labelledby="pending-instructions-heading">
        {instructions.map((pending) => (
          <PendingInstructionCard
            key={pending.message.id}
            pending={pending}
            // the list drops it at once; `messageUpdated` would too, a moment later
            onUnderstood={() => apply({ ...pending.message, instructions: { confirmedAt: new Date().toISOString() } })}
            onRefused={() => void reload()}
          />
        ))}
      </ul>
    </section>
  );
}

interface CardProps {
  pending: PendingInstruction;
  onUnderstood: () => void;
  /** the server refused (already confirmed elsewhere, deleted): the list is read again */
  onRefused: () => void;
}

function PendingInstructionCard({ pending, onUnderstood, onRefused }: CardProps) {
  const { message, doctor } = pending;
  const textId = useId();
  const [error, setError] = useState<string | null>(null);
  return (
    <li className="card pending-instruction">
      <h3>From {doctorName(doctor.name)}</h3>
      <p className="muted">
        <time dateTime={message.createdAt}>{dateFormat.format(new Date(message.createdAt))}</time>
      </p>
      <p id={textId} className="pending-instruction-text">
        <LinkifiedText text={message.text || message.attachment?.name || ''} />
      </p>
      {error && (
        <p className="composer-refusal" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <UnderstandButton
          messageId={message.id}
          describedBy={textId}
          onUnderstood={onUnderstood}
          onError={(refusal) => {
            setError(describeError(refusal));
            onRefused();
          }}
        />
        {/* the name says whose, where several cards each have one; it begins with the words on screen */}
        <Link
          className="button button-quiet button-small"
          to={`/messages/${encodeURIComponent(doctor.id)}`}
          aria-label={`Open the conversation with ${doctorName(doctor.name)}`}
        >
          Open the conversation
        </Link>
      </div>
    </li>
  );
}
