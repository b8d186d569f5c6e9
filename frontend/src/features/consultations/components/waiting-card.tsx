import { type Consultation, type PublicUser, type WaitingNote, doctorName } from '@telehealth/shared';
import { useState } from 'react';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { formatEstimate } from '../../../lib/format-duration';
import type { AppSocket } from '../../../lib/socket';
import { useWaitingRoomNote } from '../hooks/use-waiting-room-note';
import { UrgencyBadge } from './urgency-badge';

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

interface WaitingCardProps {
  consultation: Consultation;
  requestedDoctor: PublicUser | undefined;
  /** the `waitingNote` events of the doctor the request names */
  socket: AppSocket | null;
  onCancel: () => Promise<void>;
}

/**
 * The named doctor's word to their waiting room. The live region is always there, so a note that
 * appears later is announced (politely: it never interrupts), and a cleared one simply goes.
 */
function WaitingRoomNote({ note, from }: { note: WaitingNote | null; from: string }) {
  return (
    <div role="status" aria-live="polite" className="waiting-room-note-region">
      {note && (
        <p className="waiting-room-note">
          <strong>{from}:</strong> {note.text}{' '}
          <span className="muted">
            · posted <time dateTime={note.at}>{timeFormat.format(new Date(note.at))}</time>
          </span>
        </p>
      )}
    </div>
  );
}

/** "Estimated wait: estimate unavailable" says it twice; the row's label already names the estimate. */
function estimateText(seconds: number | null | undefined): string {
  return seconds === null || seconds === undefined ? 'not known yet' : formatEstimate(seconds);
}

/** The patient's place in the line, updated live; position and estimate are announced as they change. */
export function WaitingCard({ consultation, requestedDoctor, socket, onCancel }: WaitingCardProps) {
  const [confirming, setConfirming] = useState(false);
  const requestedName = requestedDoctor ? doctorName(requestedDoctor.name) : 'The doctor you asked for';
  const note = useWaitingRoomNote(socket, consultation);

  return (
    <section className="card waiting-card" aria-labelledby="waiting-heading">
      <h2 id="waiting-heading">You are in the queue</h2>
      <div role="status" aria-live="polite">
        <dl className="details">
          <dt>Position</dt>
          <dd className="queue-position">{consultation.position ?? '…'}</dd>
          <dt>Estimated wait</dt>
          <dd>{estimateText(consultation.estimatedWaitSeconds)}</dd>
        </dl>
      </div>
      <WaitingRoomNote note={note} from={requestedName} />
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
