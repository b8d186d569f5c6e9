import { useMessages } from '../context/message-context';

/**
 * Desktop alerts are asked for only when the person presses this, never on load (browsers block
 * sites that ask unprompted, and people rightly refuse).
 */
export function DesktopAlertsButton() {
  const { alertPermission, actions } = useMessages();
  switch (alertPermission) {
    case 'unsupported':
    case 'granted':
      return null;
    case 'denied':
      return <p className="alerts-note">Desktop alerts are blocked in this browser’s settings.</p>;
    case 'default':
      return (
        <button type="button" className="button button-quiet" onClick={() => void actions.enableAlerts()}>
          Enable desktop alerts
        </button>
      );
  }
}
