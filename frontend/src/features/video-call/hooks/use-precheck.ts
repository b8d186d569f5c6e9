import { useCallback, useState } from 'react';
import type { Precheck } from '../context/video-call-context';
import type { AcquireOptions, LocalMediaControls } from './use-local-media';

/** The pre-call check on screen (or not), and the camera and microphone it starts. */
export function usePrecheck({ acquire, release, cameraId, microphoneId }: LocalMediaControls) {
  const [precheck, setPrecheck] = useState<Precheck>(null);

  /** Shows the check and starts the camera; resolves with the stream, or null (the check says why). */
  const openPrecheck = useCallback(
    (check: NonNullable<Precheck>, options?: AcquireOptions) => {
      setPrecheck(check);
      return acquire(options);
    },
    [acquire],
  );

  const closePrecheck = useCallback(() => setPrecheck(null), []);

  const cancelPrecheck = useCallback(() => {
    setPrecheck(null);
    // An incoming call keeps ringing (Accept again, or Decline); its camera goes off meanwhile.
    release();
  }, [release]);

  const selectDevices = useCallback(
    (devices: { cameraId?: string | null; microphoneId?: string | null; audioOnly?: boolean }) => {
      void acquire({
        cameraId: devices.cameraId === undefined ? cameraId : devices.cameraId,
        microphoneId: devices.microphoneId === undefined ? microphoneId : devices.microphoneId,
        audioOnly: devices.audioOnly ?? false,
      });
    },
    [acquire, cameraId, microphoneId],
  );

  return { precheck, openPrecheck, closePrecheck, cancelPrecheck, selectDevices };
}
