import { useCallback, useMemo, useReducer, useState, type ReactNode } from 'react';
import type { AppSocket } from '../../../lib/socket';
import { createCallSignals } from '../api/call-signals';
import { CallScreen, type CallExtras } from '../components/call-screen';
import { ActiveCall } from '../flows/active-call';
import { useAnsweringCall } from '../hooks/use-answering-call';
import { useCallLifecycle } from '../hooks/use-call-lifecycle';
import { useCallSignalling } from '../hooks/use-call-signalling';
import { useConnectionQuality } from '../hooks/use-connection-quality';
import { useLeavingCall } from '../hooks/use-leaving-call';
import { useLocalMedia } from '../hooks/use-local-media';
import { useMediaControls } from '../hooks/use-media-controls';
import { usePlacingCall } from '../hooks/use-placing-call';
import { usePrecheck } from '../hooks/use-precheck';
import { useRemoteMedia } from '../hooks/use-remote-media';
import { useSelf } from '../hooks/use-self';
import { callReducer, initialCallState, isInCall, type CallPeer } from '../logic/call-machine';
import { createCallSession } from '../rtc/call-session';
import { useCallContextValue } from './call-context-value';
import { VideoCallContext } from './video-call-context';

interface VideoCallProviderProps {
  /** the signed-in user's socket (null while signed out): the app passes it in, features don't share contexts */
  socket: AppSocket | null;
  /** whether that socket is connected now */
  connected: boolean;
  /** more controls inside the call screen (the app puts hands-free gestures there) */
  renderCallExtras?: CallExtras;
  /** "Back to the thread" on the ended screen: the app opens the conversation with that person */
  onCallFinished?: (peer: CallPeer) => void;
  /** who is online, from the realtime feature (null: not known yet), so the call button never rings nobody */
  onlineUserIds: ReadonlySet<string> | null;
  children: ReactNode;
}

/**
 * The call, app-wide: mounted above the router, so an incoming call rings on every open tab
 * whatever page it shows. It only composes (docs/calls.md, "The call on the client"): the pure
 * machine `callReducer` holds the state; `ActiveCall` holds the live call's id, its `CallSession`
 * and the waiting candidates; the hooks below each do one job — the buttons dispatch and run the
 * start and answer flows, the server's events come in through `useCallSignalling`, and effects
 * follow the state (the end, the ring timeout, the ICE restart, the goodbye on page hide).
 */
export function VideoCallProvider({
  socket,
  connected,
  renderCallExtras,
  onCallFinished,
  onlineUserIds,
  children,
}: VideoCallProviderProps) {
  const [state, dispatch] = useReducer(callReducer, initialCallState);
  const [announcement, announce] = useState('');
  const signals = useMemo(() => (socket ? createCallSignals(socket) : null), [socket]);
  const localMedia = useLocalMedia();
  const { remoteStream, peerMedia, setRemoteStream, setPeerMedia, resetRemoteMedia } = useRemoteMedia(state, announce);
  const [call] = useState(
    () =>
      new ActiveCall(createCallSession, {
        onConnection: (signal) => dispatch({ type: 'connection', state: signal, at: Date.now() }),
        onRemoteStream: setRemoteStream,
        onPeerMedia: setPeerMedia,
      }),
  );
  const { precheck, openPrecheck, closePrecheck, cancelPrecheck, selectDevices } = usePrecheck(localMedia);
  const { controls, startCallMedia, resetCallMedia } = useMediaControls({ localMedia, call, status: state.status, announce });
  const core = { call, signals, dispatch, state };

  const placing = usePlacingCall({ ...core, precheck, openPrecheck, closePrecheck, localMedia, startCallMedia });
  const answering = useAnsweringCall({ ...core, openPrecheck, closePrecheck, localMedia, startCallMedia });
  const leaving = useLeavingCall({ ...core, onCallFinished });
  useCallSignalling(socket, {
    ...core,
    // A call rings while this user was about to place one: the check gives way to the ring.
    onRing: () => precheck?.before === 'calling' && cancelPrecheck(),
  });

  const { release: releaseLocal } = localMedia;
  const releaseMedia = useCallback(() => {
    resetCallMedia();
    releaseLocal();
    resetRemoteMedia();
    closePrecheck();
  }, [resetCallMedia, releaseLocal, resetRemoteMedia, closePrecheck]);
  useCallLifecycle(state, { call, signals, dispatch, announce, releaseMedia });

  const self = useSelf(socket, precheck !== null || state.status === 'ringing');
  const isOnline = useCallback((userId: string) => (onlineUserIds ? onlineUserIds.has(userId) : null), [onlineUserIds]);
  const quality = useConnectionQuality(call, state.status === 'connected' || state.status === 'reconnecting');
  const canCall = socket !== null && connected && !isInCall(state) && precheck === null;

  const value = useCallContextValue({
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
  });

  return (
    <VideoCallContext value={value}>
      {children}
      <CallScreen renderExtras={renderCallExtras} />
    </VideoCallContext>
  );
}
