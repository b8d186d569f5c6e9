import type { Consultation, PublicUser } from '@telehealth/shared';
import { useState } from 'react';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { formatEstimate } from '../../../lib/format-duration';
import { doctorName } from '../logic/doctor-name';
import { UrgencyBadge } from './urgency-badge';

interface WaitingCardProps {
  consultation: Consultation;
  requestedDoctor: PublicUser | undefined;
  onCancel: () => Promise<void>;
}

/** The patient's place in the line, updated live; position and estimate are announced as they change. */
export function WaitingCard({ consultation, requestedDoctor, onCancel }: WaitingCardProps) {
  const [confirming, setConfirming] = useState(false);
  const requestedName = requestedDoctor ? doctorName(requestedDoctor.name) : 'The doctor you asked for';

  return (
    <section className="card waiting-card" aria-labelledby="waiting-heading">
      <h2 id="waiting-heading">You are in the queue</h2>
      <div role="status" aria-live="polite">
        <dl className="details">
          <dt>Position</dt>
          <dd className="queue-position">{consultation.position ?? '…'}</dd>
          <dt>Estimated wait</dt>
          <dd>{formatEstimate(consultation.estimatedWaitSeconds)}</dd>
        </dl>
      </div>
      <dl className="details">
        <dt>Reason</dt>
        <dd>{consultation.reason}</dd>
        <dt>Urgency</dt>
        <dd>
          <UrgencyBadge urgency={consultation.urgency} />
        </dd>
        {consultation.requestedDoctorId && (
          <>
            <dt>Doctor</dt>
            <dd>{requestedName}</dd>
          </>
        )}
      </dl>
      {consultation.requestedDoctorAvailable === false && (
        <p className="note" role="note">
          {requestedName} is away right now. Your request waits for them; cancel and ask again for any doctor to be seen sooner.
        </p>
      )}
      <p className="muted">You can leave this page: your place is kept, and this page updates by itself.</p>
      <button type="button" className="button button-quiet" onClick={() => setConfirming(true)}>
        Cancel request
      </button>
      {confirming && (
        <ConfirmDialog
          title="Cancel your request?"
          confirmLabel="Yes, cancel request"
          tone="danger"
          onClose={() => setConfirming(false)}
          onConfirm={async () => {
            await onCancel();
            setConfirming(false);
          }}
        >
          <p>You will leave the queue and lose your place.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
