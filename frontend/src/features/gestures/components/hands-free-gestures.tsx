import { useId, useState } from 'react';
import { useGestureControl } from '../hooks/use-gesture-control';
import { GESTURE_CONFIG, type GestureAction } from '../logic/gesture-detector';
import { gestureAnnouncement, gestureStatusText, holdLabel } from '../logic/gesture-messages';
import { ProgressRing } from './progress-ring';

interface HandsFreeGesturesProps {
  /** the local camera preview, whose frames are recognised on this device */
  video: HTMLVideoElement | null;
  muted: boolean;
  onToggleMute: () => void;
  onHangUp: () => void;
}

/**
 * Hands-free gestures in the call screen: a switch, off until the user turns it on (only then is
 * MediaPipe downloaded, into a Web Worker), with what gestures are doing beside it: loading, on,
 * paused while the camera is off, or disabled with the reason when they cannot run here. Then the
 * two gestures, the hold's progress ring, and the undo window before a gesture hang-up really ends
 * the call. The call never depends on it. Styles: styles/gestures.css.
 */
export function HandsFreeGestures({ video, muted, onToggleMute, onHangUp }: HandsFreeGesturesProps) {
  const [enabled, setEnabled] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const explanationId = useId();
  const statusId = useId();

  const onAction = (action: GestureAction) => {
    setAnnouncement(gestureAnnouncement(action, muted));
    if (action === 'toggle-mute') onToggleMute();
    if (action === 'hang-up-confirmed') onHangUp();
  };
  const { status, output, undo } = useGestureControl({ enabled, video, onAction });
  const canRun = status.kind !== 'unavailable';
  const holding = output?.state === 'holding' ? output : null;
  const undoRemainingMs = output?.state === 'hang-up-pending' ? output.undoRemainingMs : null;

  return (
    <>
      <div className="gestures">
        <div className="gestures-switch-row">
          <button
            type="button"
            className="switch"
            aria-pressed={enabled && canRun}
            // aria-disabled, not disabled: it stays focusable, so a keyboard user reaches it and hears why.
            aria-disabled={canRun ? undefined : true}
            aria-describedby={`${statusId} ${explanationId}`}
            onClick={() => canRun && setEnabled((on) => !on)}
          >
            <span className="switch-track" aria-hidden="true">
              <span className="switch-thumb" />
            </span>
            Hands-free gestures
          </button>
          <p id={statusId} className="gesture-status" data-status={status.kind} role="status">
            Gestures: {gestureStatusText(status)}
          </p>
        </div>
        <div id={explanationId} className="gesture-help">
          <ul>
            <li>Open palm held for 1 second: mute or unmute.</li>
            <li>Thumb down held for 2 seconds: hang up, with 3 seconds to undo.</li>
          </ul>
          <p className="gesture-privacy">Camera frames never leave this device: only the mute or hang-up is sent.</p>
        </div>
      </div>

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
