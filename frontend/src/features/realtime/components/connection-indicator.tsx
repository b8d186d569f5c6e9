import { useRealtime, type ConnectionState } from '../context/realtime-context';

const LABELS: Record<ConnectionState, string> = {
  connected: 'Connected',
  reconnecting: 'Connecting…',
  offline: 'Offline',
};

/** Live connection state, in words and colour; a status region so changes are announced politely. */
export function ConnectionIndicator() {
  const { connection } = useRealtime();
  return (
    <p role="status" className="connection-indicator" data-connection={connection}>
      <span className="connection-dot" aria-hidden="true" />
      {LABELS[connection]}
    </p>
  );
}
