import { useCallback, useEffect, useRef, useState } from 'react';
import type { CallState } from '../logic/call-machine';
import { peerMediaChanges, type PeerMedia } from '../logic/call-messages';

export const ALL_ON: PeerMedia = { muted: false, cameraOff: false, screenSharing: false };

/**
 * What the other side sends: their stream, and their media state from the control channel, whose
 * changes are announced ("Patient muted"). The setters are stable, for the session's callbacks.
 */
export function useRemoteMedia(state: CallState, announce: (text: string) => void) {
  const [remoteStream, setRemoteStream] = useState<MediaStream | null>(null);
  const [peerMedia, setPeerMedia] = useState<PeerMedia>(ALL_ON);
  const before = useRef(peerMedia);
  const peer = 'peer' in state ? state.peer : null;

  useEffect(() => {
    const previous = before.current;
    before.current = peerMedia;
    if (!peer) return;
    const changes = peerMediaChanges(peer, previous, peerMedia);
    if (changes.length > 0) announce(changes.join('. '));
  }, [peerMedia, peer, announce]);

  const resetRemoteMedia = useCallback(() => {
    setRemoteStream(null);
    setPeerMedia(ALL_ON);
  }, []);

  return { remoteStream, peerMedia, setRemoteStream, setPeerMedia, resetRemoteMedia };
}
