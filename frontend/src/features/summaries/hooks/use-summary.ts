import type { ConsultationSummary } from '@telehealth/shared';
import { useServerData, type LoadStatus } from '../../../lib/use-server-data';
import { getSummary } from '../api/get-summary';

export interface SummaryState {
  /** null until loaded, and while another consultation's summary is still the last answer */
  summary: ConsultationSummary | null;
  status: LoadStatus;
  error: unknown;
  reload: () => Promise<void>;
}

/** One consultation's summary, loaded again when the page moves to another consultation. */
export function useSummary(consultationId: string): SummaryState {
  const { data, status, error, reload } = useServerData((signal) => getSummary(consultationId, signal), {
    key: consultationId,
  });
  // useServerData keeps the last answer while a new key loads: never show one visit under another's address.
  const summary = data?.summary.consultationId === consultationId ? data.summary : null;
  return { summary, status, error, reload };
}
