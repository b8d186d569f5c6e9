import { type ConsultationSummary, doctorName } from '@telehealth/shared';
import type { ReactNode } from 'react';
import { callLabel, formatDateTime, formatFileSize, senderName, spanLabel, URGENCY_LABELS } from '../logic/summary-text';

/** A date-time a reader can read and a machine can parse. */
function DateTime({ iso }: { iso: string }) {
  return <time dateTime={iso}>{formatDateTime(iso)}</time>;
}

/** One part of the summary: a region named by its heading, kept on one printed page where it fits. */
function SummarySection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="card summary-section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

/** What the visit was about, and who took part. */
export function VisitSection({ summary }: { summary: ConsultationSummary }) {
  return (
    <SummarySection id="summary-visit" title="The visit">
      <dl className="details summary-details">
        <dt>Reason</dt>
        <dd className="summary-reason">{summary.reason}</dd>
        <dt>Urgency</dt>
        <dd>{URGENCY_LABELS[summary.urgency]}</dd>
        <dt>Patient</dt>
        <dd>{summary.patient.name}</dd>
        <dt>Doctor</dt>
        <dd>{doctorName(summary.doctor.name)}</dd>
      </dl>
    </SummarySection>
  );
}

/** When it was asked for, taken and closed, and how long each part took. */
export function TimesSection({ summary }: { summary: ConsultationSummary }) {
  const inProgress = summary.status === 'active';
  return (
    <SummarySection id="summary-times" title="When">
      <dl className="details summary-details">
        <dt>Requested</dt>
        <dd>
          <DateTime iso={summary.requestedAt} />
        </dd>
        <dt>Accepted</dt>
        <dd>
          <DateTime iso={summary.acceptedAt} />
        </dd>
        <dt>Completed</dt>
        <dd>{summary.completedAt ? <DateTime iso={summary.completedAt} /> : 'Not yet, still in progress'}</dd>
        <dt>Waiting time</dt>
        <dd>{spanLabel(summary.waitingSeconds, false)}</dd>
        <dt>Consultation time</dt>
        <dd>{spanLabel(summary.consultationSeconds, inProgress)}</dd>
      </dl>
    </SummarySection>
  );
}

/** The doctor's notes as written, line breaks kept. */
export function NotesSection({ summary }: { summary: ConsultationSummary }) {
  const empty = summary.status === 'active' ? 'The doctor writes notes when completing the consultation.' : 'No notes were left.';
  return (
    <SummarySection id="summary-notes" title="Doctor's notes">
      {summary.notes.trim() ? <p className="notes">{summary.notes}</p> : <p className="muted">{empty}</p>}
    </SummarySection>
  );
}

/** The doctor's instructions, each with whether (and when) the patient said they understood. */
export function InstructionsSection({ summary }: { summary: ConsultationSummary }) {
  return (
    <SummarySection id="summary-instructions" title="Instructions">
      {summary.instructions.length === 0 ? (
        <p className="muted">No instructions were given.</p>
      ) : (
        <ul className="summary-list" aria-labelledby="summary-instructions">
          {summary.instructions.map((item) => (
            <li key={item.messageId}>
              <p className="notes">{item.text}</p>
              <p className="muted summary-meta">
                Given <DateTime iso={item.sentAt} /> ·{' '}
                {item.confirmedAt ? (
                  <span className="summary-confirmed">
                    Understood at <DateTime iso={item.confirmedAt} />
                  </span>
                ) : (
                  <span className="summary-unconfirmed">Not yet confirmed</span>
                )}
              </p>
            </li>
          ))}
        </ul>
      )}
    </SummarySection>
  );
}

/** Video calls during the visit, with how each ended and how long it lasted. */
export function CallsSection({ summary }: { summary: ConsultationSummary }) {
  return (
    <SummarySection id="summary-calls" title="Calls">
      {summary.calls.length === 0 ? (
        <p className="muted">No calls.</p>
      ) : (
        <ul className="summary-list" aria-labelledby="summary-calls">
          {summary.calls.map((call) => (
            <li key={call.messageId}>
              {callLabel(call)}{' '}
              <span className="muted">
                · <DateTime iso={call.at} />
              </span>
            </li>
          ))}
        </ul>
      )}
    </SummarySection>
  );
}

/** Files either person shared during the visit, each opening in a new tab. */
export function FilesSection({ summary }: { summary: ConsultationSummary }) {
  return (
    <SummarySection id="summary-files" title="Files">
      {summary.files.length === 0 ? (
        <p className="muted">No files were shared.</p>
      ) : (
        <ul className="summary-list" aria-labelledby="summary-files">
          {summary.files.map((file) => (
            <li key={file.messageId}>
              <a href={file.url} target="_blank" rel="noopener noreferrer" className="summary-file">
                {file.name}
                <span className="visually-hidden"> (opens in a new tab)</span>
              </a>{' '}
              <span className="muted">
                · {formatFileSize(file.size)} · from {senderName(summary, file.senderId)} · <DateTime iso={file.at} />
              </span>
            </li>
          ))}
        </ul>
      )}
    </SummarySection>
  );
}
