import type { Consultation } from '@telehealth/shared';

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** For the doctor: which consent the patient had accepted when they asked (recorded with the request). */
export function ConsentLine({ consultation }: { consultation: Consultation }) {
  const { consent } = consultation;
  // Requests made before consents were asked for carry none.
  if (!consent) return <p className="muted">No consent on record</p>;
  return (
    <p className="muted">
      Consent v{consent.version} accepted{' '}
      <time dateTime={consent.acceptedAt}>{timeFormat.format(new Date(consent.acceptedAt))}</time>
    </p>
  );
}
