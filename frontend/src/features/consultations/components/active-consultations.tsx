import type { Consultation } from '@telehealth/shared';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useToast } from '../../../components/ui/toast-context';
import { CompleteDialog } from './complete-dialog';
import { ConsentLine } from './consent-line';
import { UrgencyBadge } from './urgency-badge';

interface ActiveConsultationsProps {
  active: readonly Consultation[];
  onComplete: (id: string, notes: string) => Promise<unknown>;
}

/** The doctor's patients right now: into the conversation, or complete with notes. */
export function ActiveConsultations({ active, onComplete }: ActiveConsultationsProps) {
  const [completing, setCompleting] = useState<Consultation | null>(null);
  const { show } = useToast();

  return (
    <section aria-labelledby="active-heading" className="stack">
      <h2 id="active-heading">Your active consultations</h2>
      {active.length === 0 ? (
        <p className="muted">None right now. Accept a patient from the queue.</p>
      ) : (
        <ul className="card-list">
          {active.map((consultation) => (
            <li key={consultation.id} className="card">
              <div className="queue-item-head">
                <h3>{consultation.patient.name}</h3>
                <UrgencyBadge urgency={consultation.urgency} />
              </div>
              <p>{consultation.reason}</p>
              <ConsentLine consultation={consultation} />
              <div className="actions">
                <Link className="button button-primary" to={`/messages/${consultation.patient.id}`}>
                  Open conversation<span className="visually-hidden"> with {consultation.patient.name}</span>
                </Link>
                <button type="button" className="button button-quiet" onClick={() => setCompleting(consultation)}>
                  Complete<span className="visually-hidden"> consultation with {consultation.patient.name}</span>
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {completing && (
        <CompleteDialog
          consultation={completing}
          onClose={() => setCompleting(null)}
          onComplete={async (notes) => {
            await onComplete(completing.id, notes);
            setCompleting(null);
            show(`Consultation with ${completing.patient.name} completed`, 'success');
          }}
        />
      )}
    </section>
  );
}
