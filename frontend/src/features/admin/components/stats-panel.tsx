import { CONSULTATION_STATUSES, ROLES, type AdminStats } from '@telehealth/shared';
import { useEffect, useState } from 'react';
import { BarChart } from '../../../components/ui/bar-chart';
import { FormAlert } from '../../../components/ui/form-alert';
import { describeError } from '../../../lib/error-message';
import { formatAverage } from '../../../lib/format-duration';
import { getStats } from '../api/get-stats';
import { chartSummary, dayLabel } from '../logic/stats-summary';

const capitalise = (word: string) => word[0]!.toUpperCase() + word.slice(1);

/** The numbers: accounts by role, consultations by status, waits, and the last two weeks as a chart. */
export function StatsPanel() {
  const [stats, setStats] = useState<AdminStats | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const controller = new AbortController();
    getStats(controller.signal).then(setStats, (failure: unknown) => {
      if (!controller.signal.aborted) setError(failure);
    });
    return () => controller.abort();
  }, []);

  if (error !== null) return <FormAlert message={describeError(error)} />;
  if (!stats) return <p role="status">Loading statistics…</p>;

  const perDay = stats.consultationsPerDay.map((day) => ({ label: dayLabel(day.day), value: day.count }));
  const waitPerDay = stats.consultationsPerDay.map((day) => ({
    label: dayLabel(day.day),
    value: day.averageWaitSeconds === null ? 0 : Math.round(day.averageWaitSeconds / 6) / 10,
  }));

  return (
    <div className="stack">
      <section aria-labelledby="stats-heading" className="stack">
        <h2 id="stats-heading">Statistics</h2>
        <div className="stat-grid">
          <div className="card">
            <h3>Accounts</h3>
            <dl className="details">
              {ROLES.map((role) => (
                <div key={role} className="details-row">
                  <dt>{capitalise(role)}s</dt>
                  <dd>{stats.usersByRole[role]}</dd>
                </div>
              ))}
            </dl>
          </div>
          <div className="card">
            <h3>Consultations</h3>
            <dl className="details">
              {CONSULTATION_STATUSES.map((status) => (
                <div key={status} className="details-row">
                  <dt>{capitalise(status)}</dt>
                  <dd>{stats.consultationsByStatus[status]}</dd>
                </div>
              ))}
            </dl>
          </div>
          <div className="card">
            <h3>Average wait</h3>
            <p className="big-number">{formatAverage(stats.averageWaitSeconds)}</p>
            <p className="muted">From request to a doctor accepting it, all time.</p>
          </div>
        </div>
      </section>
      <section aria-labelledby="per-day-heading" className="card">
        <h2 id="per-day-heading">Consultations per day</h2>
        <BarChart
          title="Consultations per day"
          summary={chartSummary(stats.consultationsPerDay)}
          data={perDay}
          categoryLabel="Day"
          valueLabel="Consultations requested"
          wholeNumbers
        />
      </section>
      <section aria-labelledby="wait-heading" className="card">
        <h2 id="wait-heading">Average wait per day (minutes)</h2>
        <BarChart
          title="Average wait per day, in minutes"
          summary={`Overall average wait, all time: ${formatAverage(stats.averageWaitSeconds)}. Days without an accepted consultation show 0.`}
          data={waitPerDay}
          categoryLabel="Day"
          valueLabel="Average wait (minutes)"
        />
      </section>
    </div>
  );
}
