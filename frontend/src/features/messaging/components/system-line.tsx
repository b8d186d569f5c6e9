import type { Message } from '@telehealth/shared';
import { Link } from 'react-router-dom';

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

/**
 * A consultation's start or end, written by the server: a divider across the thread, not a bubble,
 * so it has no sender, menu or reactions (the server refuses those on it anyway). The end leads to
 * the visit's summary, which both people may read. `highlighted`: the place a link into the thread
 * asked for (`?consultation=`), marked for a moment.
 */
export function SystemLine({ message, highlighted = false }: { message: Message; highlighted?: boolean }) {
  const system = message.system;
  return (
    <p className="system-line" data-system-event={system?.event} data-highlighted={highlighted || undefined}>
      {/* one block between the two rules, so on a phone the words wrap together, centred */}
      <span className="system-line-body">
        <span className="system-line-text">{message.text}</span>
        <span className="call-line-time"> · {timeFormat.format(new Date(message.createdAt))}</span>
        {system?.event === 'consultation-completed' && (
          <span className="system-line-link">
            {' · '}
            <Link to={`/consultations/${system.consultationId}/summary`}>View summary</Link>
          </span>
        )}
      </span>
    </p>
  );
}
