import { Link } from 'react-router-dom';
import type { FollowUpGate } from '../logic/follow-up-gate';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function When({ at }: { at: number }) {
  const date = new Date(at);
  return <time dateTime={date.toISOString()}>{dateFormat.format(date)}</time>;
}

interface FollowUpNoticeProps {
  gate: FollowUpGate;
  /** "Dr. …"; null when the pair has no consultation to name them by */
  doctor: string | null;
}

/**
 * What stands in for the composer once the patient may not write (the app hands it to the
 * thread): why, and where to ask for a new consultation. Null while they may write.
 */
export function FollowUpComposerNotice({ gate, doctor }: FollowUpNoticeProps) {
  if (gate.mayWrite) return null;
  const who = doctor ?? 'this doctor';
  return (
    <div className="follow-up-notice" role="status">
      {gate.endsAt !== null ? (
        <p>
          Your follow-up window with {who} closed on <When at={gate.endsAt} />. To write again, ask for a new consultation.
        </p>
      ) : (
        <p>You can write to {who} during a consultation and for a few days after it.</p>
      )}
      <Link className="button button-primary" to="/patient">
        Ask for a new consultation
      </Link>
    </div>
  );
}

/** A quiet line above the composer while only the follow-up window lets the patient write. */
export function FollowUpHint({ gate }: { gate: FollowUpGate }) {
  if (gate.notice !== 'window-open' || gate.endsAt === null) return null;
  return (
    <p className="follow-up-hint">
      You can write follow-up questions until <When at={gate.endsAt} />.
    </p>
  );
}
