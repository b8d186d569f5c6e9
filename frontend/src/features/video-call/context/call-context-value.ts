import { useMemo } from 'react';
import type { useAnsweringCall } from '../hooks/use-answering-call';
import type { useLeavingCall } from '../hooks/use-leaving-call';
import type { useMediaControls } from '../hooks/use-media-controls';
import type { usePlacingCall } from '../hooks/use-placing-call';
import type { VideoCallContextValue } from './video-call-context';

export type ValueParts = Pick<
  VideoCallContextValue,
  | 'state'
  | 'precheck'
  | 'localMedia'
  | 'remoteStream'
  | 'peerMedia'
  | 'quality'
  | 'announcement'
  | 'canCall'
  | 'self'
  | 'isOnline'
  | 'cancelPrecheck'
  | 'selectDevices'
> & {
  controls: ReturnType<typeof useMediaControls>['controls'];
  placing: ReturnType<typeof usePlacingCall>;
  answering: ReturnType<typeof useAnsweringCall>;
  leaving: ReturnType<typeof useLeavingCall>;
};

/** The context value, made again only when one of its parts changes (each part is memoised by its hook). */
export function useCallContextValue(parts: ValueParts): VideoCallContextValue {
  const { state, precheck, localMedia, remoteStream, peerMedia, quality, announcement, canCall, self, isOnline } = parts;
  const { cancelPrecheck, selectDevices, controls, placing, answering, leaving } = parts;
  return useMemo(
    () => ({
      state,
      precheck,
      localMedia,
      remoteStream,
      peerMedia,
      quality,
      announcement,
      canCall,
      self,
      isOnline,
      cancelPrecheck,
      selectDevices,
      ...controls,
      ...placing,
      ...answering,
      ...leaving,
    }),
    [
      state,
      precheck,
      localMedia,
      remoteStream,
      peerMedia,
      quality,
      announcement,
      canCall,
      self,
      isOnline,
      cancelPrecheck,
      selectDevices,
      controls,
      placing,
      answering,
      leaving,
    ],
  );
}
