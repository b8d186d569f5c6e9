import { useCallback, useEffect, useRef, useState } from 'react';
import { classifyMediaError, type MediaProblem } from '../logic/media-error';

export interface MediaDevices {
  cameras: MediaDeviceInfo[];
  microphones: MediaDeviceInfo[];
}

export interface AcquireOptions {
  cameraId?: string | null;
  microphoneId?: string | null;
  /** microphone only: no camera, or the user chose audio */
  audioOnly?: boolean;
}

export interface LocalMedia {
  stream: MediaStream | null;
  problem: MediaProblem | null;
  /** whether the last request asked for the microphone only */
  audioOnly: boolean;
  devices: MediaDevices;
  cameraId: string | null;
  microphoneId: string | null;
  /** asking the browser right now (the permission prompt may be up) */
  pending: boolean;
}

export interface LocalMediaControls extends LocalMedia {
  /** the live stream, for code that runs outside render (the call's setup) */
  streamRef: { readonly current: MediaStream | null };
  /** asks for the camera and microphone; resolves with the stream, or null (then `problem` says why) */
  acquire: (options?: AcquireOptions) => Promise<MediaStream | null>;
  /** stops every track: the camera light goes off */
  release: () => void;
  /** a track added or removed mid-call (audio only, camera back on): re-render with it */
  refresh: () => void;
}

const NO_DEVICES: MediaDevices = { cameras: [], microphones: [] };

function stopTracks(stream: MediaStream | null) {
  for (const track of stream?.getTracks() ?? []) track.stop();
}

/**
 * The user's camera and microphone for the pre-call check and the call. Only the newest request
 * counts: changing device twice quickly never leaves an orphaned stream with the camera on.
 */
export function useLocalMedia(): LocalMediaControls {
  const streamRef = useRef<MediaStream | null>(null);
  const request = useRef(0);
  const [media, setMedia] = useState<LocalMedia>({
    stream: null,
    problem: null,
    audioOnly: false,
    devices: NO_DEVICES,
    cameraId: null,
    microphoneId: null,
    pending: false,
  });

  const acquire = useCallback(async (options: AcquireOptions = {}) => {
    request.current += 1;
    const mine = request.current;
    const audioOnly = options.audioOnly ?? false;
    setMedia((current) => ({ ...current, pending: true }));
    const constraints: MediaStreamConstraints = {
      audio: options.microphoneId ? { deviceId: { exact: options.microphoneId } } : true,
      video: audioOnly
        ? false
        : options.cameraId
          ? { deviceId: { exact: options.cameraId } }
          : { width: { ideal: 1280 }, height: { ideal: 720 } },
    };
    try {
      const stream = await navigator.mediaDevices.getUserMedia(constraints);
      if (mine !== request.current) {
        stopTracks(stream);
        return null;
      }
      stopTracks(streamRef.current);
      streamRef.current = stream;
      // Labels are only readable once permission is granted, so devices are listed after it.
      const all = await navigator.mediaDevices.enumerateDevices().catch(() => [] as MediaDeviceInfo[]);
      const devices = {
        cameras: all.filter((device) => device.kind === 'videoinput'),
        microphones: all.filter((device) => device.kind === 'audioinput'),
      };
      const settingOf = (kind: 'audio' | 'video') =>
        stream
          .getTracks()
          .find((track) => track.kind === kind)
          ?.getSettings().deviceId ?? null;
      setMedia({
        stream,
        problem: null,
        audioOnly,
        devices,
        cameraId: settingOf('video'),
        microphoneId: settingOf('audio'),
        pending: false,
      });
      return stream;
    } catch (error) {
      if (mine === request.current)
        setMedia((current) => ({ ...current, problem: classifyMediaError(error), audioOnly, pending: false }));
      return null;
    }
  }, []);

  const release = useCallback(() => {
    request.current += 1;
    stopTracks(streamRef.current);
    streamRef.current = null;
    setMedia((current) => ({ ...current, stream: null, problem: null, audioOnly: false, pending: false }));
  }, []);

  const refresh = useCallback(() => {
    // The same stream with other tracks: a new state object re-renders whatever shows its tracks.
    setMedia((current) => ({ ...current }));
  }, []);

  // Leaving the app (sign-out unmounts the provider) turns the camera off.
  useEffect(() => () => stopTracks(streamRef.current), []);

  return { ...media, streamRef, acquire, release, refresh };
}
