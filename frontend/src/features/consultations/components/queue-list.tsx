import { mayTakeConsultation, type Consultation } from '@telehealth/shared';
import { formatWaiting } from '../../../lib/format-duration';
import { useNow } from '../../../lib/use-now';
import { isPatientOnline } from '../logic/consultation-state';
import { ConsentLine } from './consent-line';
import { UrgencyBadge } from './urgency-badge';

interface QueueListProps {
  doctorId: string;
  queue: readonly Consultation[];
  livePresence: ReadonlyMap<string, boolean>;
  /** the id being accepted, so its button shows progress and others wait */
  accepting: string | null;
  onAccept: (consultation: Consultation) => void;
}

/**
 * The waiting patients, in queue order, with how long each has waited (ticking). Accept is offered
 * by the same rule the server applies (`mayTakeConsultation`): a request that named another doctor
 * is shown as theirs, never as a button the server would refuse.
 */
export function QueueList({ doctorId, queue, livePresence, accepting, onAccept }: QueueListProps) {
  const now = useNow(15_000);
  if (queue.length === 0) return <p className="muted">No one is waiting right now.</p>;
  return (
    <ol className="card-list" aria-label="Waiting patients">
      {queue.map((consultation) => {
        const online = isPatientOnline(consultation, livePresence);
        return (
          <li key={consultation.id} className="card queue-item">
            <div className="queue-item-head">
              <span className="status-dot" data-online={online} aria-hidden="true" />
              <h3>{consultation.patient.name}</h3>
              <span className="visually-hidden">{online ? '(online)' : '(offline)'}</span>
              <UrgencyBadge urgency={consultation.urgency} />
            </div>
            <p>{consultation.reason}</p>
            <p className="muted">
              {formatWaiting(consultation.createdAt, now)}
              {consultation.requestedDoctorId ? ' · asked for you' : ''}
            </p>
            <ConsentLine consultation={consultation} />
            {mayTakeConsultation(consultation, doctorId) ? (
              <button
                type="button"
                className="button button-primary"
                disabled={accepting !== null}
                onClick={() => onAccept(consultation)}
              >
                {accepting === consultation.id ? 'Accepting…' : 'Accept'}
                <span className="visually-hidden"> {consultation.patient.name}</span>
              </button>
            ) : (
              <p className="muted">Asked for another doctor</p>
            )}
          </li>
        );
      })}
    </ol>
  );
}
