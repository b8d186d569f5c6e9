import { useId } from 'react';
import { useVideoCall } from '../context/video-call-context';
import { useMicLevel } from '../hooks/use-mic-level';
import { mediaProblemMessage } from '../logic/media-error';
import { VideoView } from './video-view';

const deviceLabel = (device: MediaDeviceInfo, index: number, kind: string) => device.label || `${kind} ${index + 1}`;

/**
 * Before calling or joining: the camera preview, a live microphone meter, the devices to use, and
 * the button that goes ahead. Problems are said plainly, with what can be done about them.
 */
export function PreCallCheck() {
  const { precheck, localMedia, selectDevices, startCall, answer, cancelPrecheck, decline } = useVideoCall();
  const level = useMicLevel(localMedia.stream);
  const meterId = useId();
  if (!precheck) return null;

  const { stream, problem, audioOnly, pending } = localMedia;
  const hasVideo = (stream?.getVideoTracks().length ?? 0) > 0;
  const outgoing = precheck.before === 'calling';

  return (
    <section className="precall stack" aria-label="Check your camera and microphone">
      <div className="precall-preview">
        {hasVideo ? (
          <VideoView stream={stream} muted label="Your camera preview" className="call-video" />
        ) : (
          <p className="precall-no-video">
            {pending ? 'Starting your camera…' : audioOnly ? 'Audio only: your camera stays off' : 'No camera picture'}
          </p>
        )}
      </div>

      <div className="precall-meter">
        <label htmlFor={meterId}>Microphone level</label>
        <meter id={meterId} min={0} max={1} low={0.05} high={0.9} optimum={0.5} value={level} />
        <p className="field-hint">Say something: the bar should move.</p>
      </div>

      {problem && (
        <div className="form-alert" role="alert">
          <p>{mediaProblemMessage(problem, audioOnly)}</p>
          <div className="actions">
            {problem === 'no-device' && !audioOnly && (
              <button
                type="button"
                className="button button-quiet"
                onClick={() => selectDevices({ audioOnly: true, cameraId: null })}
              >
                Continue with audio only
              </button>
            )}
            <button type="button" className="button button-quiet" onClick={() => selectDevices({ audioOnly })}>
              Try again
            </button>
          </div>
        </div>
      )}

      {stream && <DevicePickers />}

      <div className="actions">
        <button
          type="button"
          className="button button-primary"
          disabled={!stream}
          autoFocus
          onClick={outgoing ? startCall : answer}
        >
          {outgoing ? 'Start call' : 'Join'}
        </button>
        <button
          type="button"
          className={outgoing ? 'button button-quiet' : 'button button-danger'}
          onClick={outgoing ? cancelPrecheck : decline}
        >
          {outgoing ? 'Cancel' : 'Decline'}
        </button>
      </div>
    </section>
  );
}

/** The camera and microphone to use, once the browser has said which there are. */
function DevicePickers() {
  const { localMedia, selectDevices } = useVideoCall();
  const cameraId = useId();
  const microphoneId = useId();
  const { audioOnly, devices } = localMedia;
  return (
    <div className="precall-devices">
      {!audioOnly && devices.cameras.length > 0 && (
        <div className="field">
          <label htmlFor={cameraId}>Camera</label>
          <select
            id={cameraId}
            value={localMedia.cameraId ?? ''}
            onChange={(event) => selectDevices({ cameraId: event.target.value })}
          >
            {devices.cameras.map((device, index) => (
              <option key={device.deviceId || index} value={device.deviceId}>
                {deviceLabel(device, index, 'Camera')}
              </option>
            ))}
          </select>
        </div>
      )}
      {devices.microphones.length > 0 && (
        <div className="field">
          <label htmlFor={microphoneId}>Microphone</label>
          <select
            id={microphoneId}
            value={localMedia.microphoneId ?? ''}
            onChange={(event) => selectDevices({ microphoneId: event.target.value, audioOnly })}
          >
            {devices.microphones.map((device, index) => (
              <option key={device.deviceId || index} value={device.deviceId}>
                {deviceLabel(device, index, 'Microphone')}
              </option>
            ))}
          </select>
        </div>
      )}
    </div>
  );
}
