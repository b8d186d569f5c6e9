import type { ConsultationSummary } from '@telehealth/shared';
import { Link } from 'react-router-dom';
import { FormAlert } from '../../../components/ui/form-alert';
import { useSummary } from '../hooks/use-summary';
import { mayRetry, otherPersonId, summaryErrorMessage } from '../logic/summary-text';
import { CallsSection, FilesSection, InstructionsSection, NotesSection, TimesSection, VisitSection } from './summary-sections';

interface SummaryPageProps {
  consultationId: string;
  /** the signed-in person: "Back to the conversation" leads to the other one */
  viewerId: string;
}

/** Printing is the browser's: its dialog offers "Save as PDF", and print.css leaves only the summary on the page. */
function SummaryActions({ summary, viewerId }: { summary: ConsultationSummary; viewerId: string }) {
  return (
    <div className="actions" data-print="hide">
      <button type="button" className="button button-primary" onClick={() => window.print()}>
        Print or save as PDF
      </button>
      <Link className="button button-quiet" to={`/messages/${otherPersonId(summary, viewerId)}`}>
        Back to the conversation
      </Link>
    </div>
  );
}

/** A loaded summary: where it stands, what can be done with it, then each part of the visit. */
export function SummaryView({ summary, viewerId }: { summary: ConsultationSummary; viewerId: string }) {
  return (
    <div className="summary stack">
      <p className="summary-status" data-status={summary.status}>
        {summary.status === 'active' ? 'In progress — summary so far' : 'Completed consultation'}
      </p>
      <SummaryActions summary={summary} viewerId={viewerId} />
      <VisitSection summary={summary} />
      <TimesSection summary={summary} />
      <NotesSection summary={summary} />
      <InstructionsSection summary={summary} />
      <CallsSection summary={summary} />
      <FilesSection summary={summary} />
    </div>
  );
}

/**
 * `/consultations/:id/summary`: what a patient takes home from a visit, and what its doctor reads
 * back, for both of them alone. One in progress shows what there is so far.
 */
export function SummaryPage({ consultationId, viewerId }: SummaryPageProps) {
  const { summary, status, error, reload } = useSummary(consultationId);
  if (status === 'failed')
    return (
      <div className="stack">
        <FormAlert message={summaryErrorMessage(error)} />
        {mayRetry(error) && (
          <button type="button" className="button button-quiet" onClick={() => void reload()}>
            Try again
          </button>
        )}
      </div>
    );
  if (!summary) return <p role="status">Loading the summary…</p>;
  return <SummaryView summary={summary} viewerId={viewerId} />;
}
