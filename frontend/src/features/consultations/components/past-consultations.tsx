import type { Consultation } from '@telehealth/shared';
import { doctorName } from '../logic/doctor-name';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** Completed consultations, newest first, with the doctor's notes. */
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
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
