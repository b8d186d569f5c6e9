import { useId, useState } from 'react';
import { useGestureControl, type GestureStatus } from '../hooks/use-gesture-control';
import { GESTURE_CONFIG, type GestureAction } from '../logic/gesture-detector';
import { gestureAnnouncement, holdLabel } from '../logic/gesture-messages';
import { ProgressRing } from './progress-ring';

interface HandsFreeGesturesProps {
  /** the local camera preview, whose frames are recognised on this device */
  video: HTMLVideoElement | null;
  muted: boolean;
  onToggleMute: () => void;
  onHangUp: () => void;
}

function statusText(status: GestureStatus): string {
  switch (status.kind) {
    case 'off':
      return 'Off';
    case 'loading':
      return 'Starting gesture recognition…';
    case 'on':
      return 'On: watching for gestures';
    case 'unavailable':
      return `Unavailable: ${status.reason}`;
  }
}

/**
 * Hands-free gestures in the call screen: off until the user turns them on (only then is
 * MediaPipe downloaded), an explanation of the two gestures, the hold's progress ring, and the
 * undo window before a gesture hang-up really ends the call. The call never depends on it: when
 * gestures are unavailable the panel says why and everything else goes on.
 */
export function HandsFreeGestures({ video, muted, onToggleMute, onHangUp }: HandsFreeGesturesProps) {
  const [enabled, setEnabled] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const explanationId = useId();

  const onAction = (action: GestureAction) => {
    setAnnouncement(gestureAnnouncement(action, muted));
    if (action === 'toggle-mute') onToggleMute();
    if (action === 'hang-up-confirmed') onHangUp();
  };
  const { status, output, undo } = useGestureControl({ enabled, video, onAction });
  const holding = output?.state === 'holding' ? output : null;
  const undoRemainingMs = output?.state === 'hang-up-pending' ? output.undoRemainingMs : null;

  return (
    <>
      <details className="call-settings">
        <summary>Settings</summary>
        <div className="stack">
          <button
            type="button"
            className="switch"
            aria-pressed={enabled}
            aria-describedby={explanationId}
            onClick={() => setEnabled((on) => !on)}
          >
            <span className="switch-track" aria-hidden="true">
              <span className="switch-thumb" />
            </span>
            Hands-free gestures
          </button>
          <div id={explanationId} className="gesture-help">
            <ul>
              <li>Open palm held for 1 second: mute or unmute.</li>
              <li>Thumb down held for 2 seconds: hang up, with 3 seconds to undo.</li>
            </ul>
            <p className="field-hint">Your camera picture is analysed on this device only; nothing is sent anywhere.</p>
          </div>
          <p className="gesture-status" data-status={status.kind}>
            Gestures: {statusText(status)}
          </p>
        </div>
      </details>

      {holding && (
        <div className="gesture-hold">
          <ProgressRing progress={holding.progress} />
          <p>{holdLabel(holding.gesture)}</p>
        </div>
      )}

      {undoRemainingMs !== null && (
        <div className="gesture-undo" role="group" aria-label="Pending hang-up">
          <ProgressRing progress={1 - undoRemainingMs / GESTURE_CONFIG.undoMs} />
          <p>Ending the call in {Math.ceil(undoRemainingMs / 1000)} s</p>
          <button type="button" className="button button-primary" autoFocus onClick={undo}>
            Undo
          </button>
        </div>
      )}

      <p className="visually-hidden" aria-live="assertive">
        {announcement}
      </p>
      {announcement && (
        <p className="gesture-last-action" aria-hidden="true">
          {announcement}
        </p>
      )}
    </>
  );
}
