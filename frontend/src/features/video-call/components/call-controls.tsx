import { Mic, MicOff, MonitorUp, MonitorX, PhoneOff, Video, VideoOff, type LucideIcon } from 'lucide-react';
import { useVideoCall } from '../context/video-call-context';

interface ControlProps {
  /** what pressing does now: "Mute", "Unmute" */
  label: string;
  icon: LucideIcon;
  /** a toggle's state (aria-pressed and the strong fill); undefined for a plain button */
  pressed?: boolean;
  /** how a pressed toggle looks: red for what silences you (muted, camera off), blue for sharing */
  pressedTone?: 'alert' | 'on';
  danger?: boolean;
  onClick: () => void;
}

/**
 * One round control with its label under it, as in Meet or Jitsi: the label says what pressing
 * does ("Unmute"), so it is never read as the state; the state is the fill (red while muted or
 * with the camera off) and `aria-pressed`.
 */
function Control({ label, icon: Icon, pressed, pressedTone = 'alert', danger = false, onClick }: ControlProps) {
  return (
    <button
      type="button"
      className="call-control"
      data-danger={danger || undefined}
      data-tone={pressed === undefined ? undefined : pressedTone}
      aria-pressed={pressed}
      onClick={onClick}
    >
      <span className="call-control-icon" aria-hidden="true">
        <Icon size={22} strokeWidth={2.25} />
      </span>
      <span className="call-control-label">{label}</span>
    </button>
  );
}

/** Mute, camera, screen sharing (where the browser can) and hang up. */
export function CallControls() {
  const { callMedia, toggleMute, toggleCamera, toggleScreenShare, hangUp } = useVideoCall();
  const canShareScreen = typeof navigator.mediaDevices?.getDisplayMedia === 'function';
  return (
    <div className="call-controls" role="group" aria-label="Call controls">
      <Control
        label={callMedia.muted ? 'Unmute' : 'Mute'}
        icon={callMedia.muted ? MicOff : Mic}
        pressed={callMedia.muted}
        onClick={toggleMute}
      />
      <Control
        label={callMedia.cameraOff ? 'Turn camera on' : 'Turn camera off'}
        icon={callMedia.cameraOff ? VideoOff : Video}
        pressed={callMedia.cameraOff}
        onClick={toggleCamera}
      />
      {canShareScreen && (
        <Control
          label={callMedia.screenSharing ? 'Stop sharing' : 'Share screen'}
          icon={callMedia.screenSharing ? MonitorX : MonitorUp}
          pressed={callMedia.screenSharing}
          pressedTone="on"
          onClick={toggleScreenShare}
        />
      )}
      <Control label="Hang up" icon={PhoneOff} danger onClick={hangUp} />
    </div>
  );
}
