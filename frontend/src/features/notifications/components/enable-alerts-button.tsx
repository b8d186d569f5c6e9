import type { AlertPermission } from '../hooks/use-attention-alerts';

interface EnableAlertsButtonProps {
  permission: AlertPermission;
  onEnable: () => Promise<void>;
}

/** Asks for desktop notification permission on a click, and says where things stand otherwise. */
export function EnableAlertsButton({ permission, onEnable }: EnableAlertsButtonProps) {
  switch (permission) {
    case 'default':
      return (
        <button type="button" className="button button-quiet" onClick={() => void onEnable()}>
          Enable desktop alerts
        </button>
      );
    case 'granted':
      return <p className="muted">Desktop alerts are on.</p>;
    case 'denied':
      return <p className="muted">Desktop alerts are blocked in this browser&apos;s site settings.</p>;
    case 'unsupported':
      return null;
  }
}
