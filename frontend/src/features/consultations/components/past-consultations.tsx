import { type Consultation, doctorName } from '@telehealth/shared';
import { Link } from 'react-router-dom';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** The visit's summary, and its place in the thread; named for the doctor, as each card has the same two. */
function PastLinks({ consultation }: { consultation: Consultation }) {
  const { id, doctor } = consultation;
  const withDoctor = doctor ? ` with ${doctorName(doctor.name)}` : '';
  return (
    <div className="actions">
      <Link className="button button-quiet" to={`/consultations/${id}/summary`}>
        View summary <span className="visually-hidden">of the consultation{withDoctor}</span>
      </Link>
      {doctor && (
        <Link className="button button-quiet" to={`/messages/${doctor.id}?consultation=${id}`}>
          Show in the conversation <span className="visually-hidden">with {doctorName(doctor.name)}</span>
        </Link>
      )}
    </div>
  );
}

/**
 * Completed consultations, newest first, with the doctor's notes; each leads to its summary and to
 * where it started in the conversation with its doctor (`?consultation=` makes the thread find it).
 */
export function PastConsultations({ consultations }: { consultations: readonly Consultation[] }) {
  return (
    <section aria-labelledby="past-heading" className="stack">
      <h2 id="past-heading">Past consultations</h2>
      {consultations.length === 0 ? (
        <p className="muted">None yet.</p>
      ) : (
        <ul className="card-list">
          {consultations.map((consultation) => (
            <li key={consultation.id} className="card">
              <h3>{consultation.doctor ? doctorName(consultation.doctor.name) : 'Doctor'}</h3>
              <p className="muted">
                <time dateTime={consultation.completedAt ?? consultation.createdAt}>
                  {dateFormat.format(new Date(consultation.completedAt ?? consultation.createdAt))}
                </time>
              </p>
              <p>About: {consultation.reason}</p>
              <h4>Doctor&apos;s notes</h4>
              <p className="notes">{consultation.notes ?? 'No notes were left.'}</p>
              <PastLinks consultation={consultation} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
