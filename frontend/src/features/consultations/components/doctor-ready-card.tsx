import { type Consultation, doctorName } from '@telehealth/shared';
import { Link } from 'react-router-dom';

/** A doctor has taken the request: who, and the way into the conversation. */
export function DoctorReadyCard({ consultation }: { consultation: Consultation }) {
  const doctor = consultation.doctor;
  if (!doctor) return null;
  const name = doctorName(doctor.name);
  return (
    <section className="card ready-card" aria-labelledby="ready-heading">
      <h2 id="ready-heading">{name} is ready for you</h2>
      {doctor.specialty && <p className="muted">{doctor.specialty}</p>}
      <p>About: {consultation.reason}</p>
      <Link className="button button-primary" to={`/messages/${doctor.id}`}>
        Open conversation with {name}
      </Link>
    </section>
  );
}
