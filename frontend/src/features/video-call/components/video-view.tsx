import { useEffect, useRef } from 'react';

interface VideoViewProps {
  stream: MediaStream | null;
  label: string;
  /** our own preview is muted, or we would hear ourselves */
  muted?: boolean;
  className?: string;
  /** the element, for whoever needs its frames (hands-free gestures read the local preview) */
  onElement?: (element: HTMLVideoElement | null) => void;
}

/** A `<video>` showing a MediaStream (`srcObject` can only be set from script). */
export function VideoView({ stream, label, muted = false, className, onElement }: VideoViewProps) {
  const ref = useRef<HTMLVideoElement>(null);

  useEffect(() => {
    const video = ref.current;
    if (!video) return;
    video.srcObject = stream;
    // Autoplay can be refused (no user gesture yet); the next track or click starts it again.
    if (stream) void video.play().catch(() => undefined);
  }, [stream]);

  useEffect(() => {
    onElement?.(ref.current);
    return () => onElement?.(null);
  }, [onElement]);

  return <video ref={ref} className={className} aria-label={label} autoPlay playsInline muted={muted} />;
}
