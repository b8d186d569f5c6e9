import type { AlertPermission } from '../logic/desktop-notification';

interface EnableAlertsButtonProps {
  permission: AlertPermission;
  onEnable: () => Promise<void>;
  /** the class of the note shown instead of the button (a tight header wants a smaller one) */
  noteClassName?: string;
}

/** Asks for desktop notification permission on a click, and says where things stand otherwise. */
export function EnableAlertsButton({ permission, onEnable, noteClassName = 'muted' }: EnableAlertsButtonProps) {
  switch (permission) {
    case 'default':
      return (
        <button type="button" className="button button-quiet" onClick={() => void onEnable()}>
          Enable desktop alerts
        </button>
      );
    case 'granted':
      return <p className={noteClassName}>Desktop alerts are on.</p>;
    case 'denied':
      return <p className={noteClassName}>Desktop alerts are blocked in this browser&apos;s site settings.</p>;
    case 'unsupported':
      return null;
  }
}
