import type { ConsentAcceptance, ConsentText } from '@telehealth/shared';
import { useId, useState } from 'react';
import { needsAcceptance, type ConsentState } from '../hooks/use-consent';
import { CONSENT_FIELD } from '../logic/request-check';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

function FormattedDate({ at }: { at: string }) {
  return <time dateTime={at}>{dateFormat.format(new Date(at))}</time>;
}

/** The consent as the patient reads it: a scrollable region of its own, reachable by keyboard. */
function ConsentDocument({ consent }: { consent: ConsentText }) {
  const headingId = useId();
  return (
    <div className="consent-document">
      <h3 id={headingId}>Telehealth consent</h3>
      <p className="muted">
        Version {consent.version}, updated <FormattedDate at={consent.updatedAt} />
      </p>
      {/* Focusable so a keyboard can scroll it; a region so a screen reader can find it by name. */}
      <div className="consent-text" role="region" aria-labelledby={headingId} tabIndex={0}>
        {consent.text}
      </div>
    </div>
  );
}

function ConsentCheckbox({ error }: { error: string | undefined }) {
  const errorId = useId();
  return (
    <div className="field consent-check">
      <label>
        <input
          type="checkbox"
          name={CONSENT_FIELD}
          required
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
        />
        I have read and accept the telehealth consent
      </label>
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

/** One line for a consent already accepted, with the text a press away. */
function AcceptedConsent({ consent, accepted }: { consent: ConsentText; accepted: ConsentAcceptance }) {
  const [open, setOpen] = useState(false);
  return (
    <div className="consent">
      <p className="consent-accepted">
        You accepted the telehealth consent (version {accepted.version}) on <FormattedDate at={accepted.acceptedAt} />.{' '}
        <button type="button" className="button-link" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? 'Hide the consent' : 'Read it again'}
        </button>
      </p>
      {open && <ConsentDocument consent={consent} />}
    </div>
  );
}

interface ConsentNoticeProps {
  consent: ConsentState;
  /** the checkbox's field error, from the request form */
  error: string | undefined;
}

/**
 * The request form's consent part: the text and a checkbox until the patient has accepted the
 * current version, one line after. A new version asks again, with the box unticked.
 */
export function ConsentNotice({ consent, error }: ConsentNoticeProps) {
  const { data, status, reload } = consent;
  if (!data && status === 'failed')
    return (
      <div className="consent" role="alert">
        <p>The telehealth consent could not be loaded, and it must be read before asking.</p>
        <button type="button" className="button button-quiet" onClick={() => void reload()}>
          Load the consent again
        </button>
      </div>
    );
  if (!data) return <p role="status">Loading the telehealth consent…</p>;
  if (!needsAcceptance(data) && data.accepted) return <AcceptedConsent consent={data.consent} accepted={data.accepted} />;
  return (
    <div className="consent">
      <ConsentDocument consent={data.consent} />
      <ConsentCheckbox key={data.consent.version} error={error} />
    </div>
  );
}
