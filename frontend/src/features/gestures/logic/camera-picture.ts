/**
 * Whether the local preview has a picture to recognise. The call screen turns the camera off by
 * disabling its track (the preview stays, black) or removes the preview when there is no camera:
 * both mean "camera off", and gestures pause and say so rather than watch a black frame.
 */
export type Picture = 'camera-off' | 'starting' | 'live';

interface TrackLike {
  enabled: boolean;
  readyState: string;
}

/** The parts of an HTMLVideoElement this needs (so it is testable without a DOM). */
export interface PreviewLike {
  readyState: number;
  videoWidth: number;
  srcObject: unknown;
}

const HAVE_CURRENT_DATA = 2;

function videoTracks(source: unknown): TrackLike[] | null {
  if (typeof source !== 'object' || source === null || !('getVideoTracks' in source)) return null;
  const getVideoTracks = source.getVideoTracks;
  return typeof getVideoTracks === 'function' ? (getVideoTracks.call(source) as TrackLike[]) : null;
}

export function pictureOf(video: PreviewLike | null): Picture {
  if (!video) return 'camera-off';
  const tracks = videoTracks(video.srcObject);
  if (tracks && !tracks.some((track) => track.enabled && track.readyState === 'live')) return 'camera-off';
  if (video.readyState < HAVE_CURRENT_DATA || video.videoWidth === 0) return 'starting';
  return 'live';
}

/** The longest side a frame is sent at: the size the thresholds were measured at (docs/gestures.md). */
export const RECOGNITION_MAX_SIDE = 640;

/**
 * The size to scale a camera picture to before it goes to the worker, or null to keep it: a 720p
 * or 1080p camera costs the copy and the transfer 3–7× more, and MediaPipe scales it down anyway.
 */
export function recognitionSize(
  width: number,
  height: number,
  maxSide = RECOGNITION_MAX_SIDE,
): { width: number; height: number } | null {
  const longest = Math.max(width, height);
  if (longest <= maxSide || width <= 0 || height <= 0) return null;
  const scale = maxSide / longest;
  return { width: Math.round(width * scale), height: Math.round(height * scale) };
}
