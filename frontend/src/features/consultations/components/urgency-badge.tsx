import type { Urgency } from '@telehealth/shared';

const LABELS: Record<Urgency, string> = { routine: 'Routine', urgent: 'Urgent' };

/** Urgency in words and colour (never colour alone). */
export function UrgencyBadge({ urgency }: { urgency: Urgency }) {
  return (
    <span className="badge" data-tone={urgency === 'urgent' ? 'danger' : 'neutral'}>
      {LABELS[urgency]}
    </span>
  );
}
