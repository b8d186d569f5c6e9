import type { AckResult, IceCandidate, SessionDescription } from '@telehealth/shared';
import { useCallback, useEffect, useMemo, useReducer, useRef, useState, type ReactNode } from 'react';
import type { AppSocket } from '../../../lib/socket';
import { getIceServers } from '../api/get-ice-servers';
import { getSelf } from '../api/get-self';
import { CallScreen, type CallExtras } from '../components/call-screen';
import { useCallSignalling } from '../hooks/use-call-signalling';
import { useConnectionQuality } from '../hooks/use-connection-quality';
import { useLocalMedia } from '../hooks/use-local-media';
import { usePresence } from '../hooks/use-presence';
import { createCandidateBuffer } from '../logic/candidate-buffer';
import { closesBySelf, endedAnnouncement, endedSummary } from '../logic/call-ended';
import { callReducer, initialCallState, isInCall, type CallErrorCode, type CallPeer, type Direction } from '../logic/call-machine';
import { peerMediaChanges, type PeerMedia } from '../logic/call-messages';
import { classifyMediaError } from '../logic/media-error';
import { CallSession } from '../rtc/call-session';
import { VideoCallContext, type CallMediaState, type Precheck, type VideoCallContextValue } from './video-call-context';

interface VideoCallProviderProps {
  /** the signed-in user's socket (null while signed out): the app passes it in, features don't share contexts */
  socket: AppSocket | null;
  /** whether that socket is connected now */
  connected: boolean;
  /** more controls inside the call screen (the app puts hands-free gestures there) */
  renderCallExtras?: CallExtras;
  /** "Back to the thread" on the ended screen: the app opens the conversation with that person */
  onCallFinished?: (peer: CallPeer) => void;
  children: ReactNode;
}

/** How long an answer from the server may take before the call is given up. */
const ACK_TIMEOUT_MS = 10_000;
/** A safety net behind the server's ring timeout (30 s by default), should its `timeout` never arrive. */
const CLIENT_RING_MS = 60_000;
/** How long an ICE restart may take before the call ends as failed. */
const RECONNECT_MS = 15_000;

const ALL_ON: PeerMedia = { muted: false, cameraOff: false, screenSharing: false };
const MEDIA_ON: CallMediaState = { muted: false, cameraOff: false, screenSharing: false, audioOnly: false };
const REFUSALS: ReadonlySet<string> = new Set(['OFFLINE', 'BUSY', 'FORBIDDEN', 'NO_SUCH_CALL']);

const refusalCode = (code: string): CallErrorCode => (REFUSALS.has(code) ? (code as CallErrorCode) : 'unknown');
/** An acknowledgement, or a stand-in when none came in time (the promise rejects on timeout). */
async function settle(pending: Promise<AckResult>): Promise<AckResult> {
  try {
    return await pending;
  } catch {
    return { ok: false, error: { code: 'INTERNAL', message: 'No answer from the server' } };
  }
}

/** Call ids are chosen by the client (the server checks who sends every event, never trusts an id). */
const newCallId = () => crypto.randomUUID();

/**
 * The call, app-wide: mounted above the router, so an incoming call rings on every open tab
 * whatever page it shows. It drives one RTCPeerConnection from the pure call machine
 * (`callReducer`): user actions and server events are dispatched, and the side effects —
 * getUserMedia, the peer connection, socket emits, teardown — follow the state it returns.
 *
 * Signalling (docs/calls.md): `call-user` with the offer → `call-answered`; `call-made` →
 * `answer-call`; trickle ICE both ways through `ice-candidate`; `call-renegotiate` for ICE
 * restarts; `call-ended` from the server ends it on both sides. Our own candidates are held until
 * the server has acknowledged the call (`call-user` / `answer-call`): the server handles events
 * concurrently, so a candidate sent earlier could arrive before it knows the call.
 */
export function VideoCallProvider({ socket, connected, renderCallExtras, onCallFinished, children }: VideoCallProviderProps) {
  const [state, dispatch] = useReducer(callReducer, initialCallState);
  const [direction, setDirection] = useState<Direction | null>(null);
  const [precheck, setPrecheck] = useState<Precheck>(null);
  const [callMedia, setCallMedia] = useState<CallMediaState>(MEDIA_ON);
  const [remoteStream, setRemoteStream] = useState<MediaStream | null>(null);
  const [peerMedia, setPeerMedia] = useState<PeerMedia>(ALL_ON);
  const [screenStream, setScreenStream] = useState<MediaStream | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [self, setSelf] = useState<CallPeer | null>(null);
  const online = usePresence(socket);
  const localMedia = useLocalMedia();
  // The stable parts, for callbacks and effects (the object itself is new on every render).
  const { acquire, release, refresh, streamRef: localStream, cameraId, microphoneId } = localMedia;

  // What the async flows and socket handlers need without waiting for a render.
  const liveCallId = useRef<string | null>(null);
  const sessionRef = useRef<CallSession | null>(null);
  const incomingOffer = useRef<{ callId: string; offer: SessionDescription } | null>(null);
  const ringingCandidates = useRef(createCandidateBuffer<IceCandidate>());
  /** our candidates until the server knows the call; null once they go straight out */
  const heldCandidates = useRef<IceCandidate[] | null>([]);
  const screenRef = useRef<MediaStream | null>(null);
  const stateRef = useRef(state);
  const directionRef = useRef(direction);
  const precheckRef = useRef(precheck);
  /** whether the last call went out without video, so "Call again" asks for the same */
  const lastAudioOnly = useRef(false);
  const handledEnd = useRef<unknown>(null);
  const callMediaRef = useRef(callMedia);
  const peerMediaRef = useRef(peerMedia);
  useEffect(() => {
    stateRef.current = state;
    directionRef.current = direction;
    precheckRef.current = precheck;
    callMediaRef.current = callMedia;
  });

  const announce = useCallback((text: string) => setAnnouncement(text), []);
  const isCurrent = (callId: string) => liveCallId.current === callId;

  const emitCandidate = useCallback(
    (callId: string, candidate: IceCandidate) => {
      if (!socket || !isCurrent(callId)) return;
      if (heldCandidates.current) heldCandidates.current.push(candidate);
      // A refused candidate (rate limit, call gone) is not worth retrying: ICE has others.
      else socket.emit('ice-candidate', { callId, candidate }, () => undefined);
    },
    [socket],
  );

  /** The server knows the call now: send what was held, and the rest as it comes. */
  const releaseCandidates = useCallback(
    (callId: string) => {
      const held = heldCandidates.current ?? [];
      heldCandidates.current = null;
      for (const candidate of held) emitCandidate(callId, candidate);
    },
    [emitCandidate],
  );

  const openSession = useCallback(
    (callId: string, iceServers: RTCIceServer[]) => {
      heldCandidates.current = [];
      const session = new CallSession(iceServers, {
        onLocalCandidate: (candidate) => emitCandidate(callId, candidate),
        onConnection: (signal) => {
          if (!isCurrent(callId)) return;
          dispatch({ type: 'connection', state: signal, at: Date.now() });
        },
        onRemoteStream: (stream) => isCurrent(callId) && setRemoteStream(stream),
        onPeerMedia: (media) => isCurrent(callId) && setPeerMedia(media),
      });
      sessionRef.current = session;
      return session;
    },
    [emitCandidate],
  );

  /** Everything a call holds, let go: the connection, every track, the buffered candidates. */
  const releaseCall = useCallback(() => {
    sessionRef.current?.close();
    sessionRef.current = null;
    for (const track of screenRef.current?.getTracks() ?? []) track.stop();
    screenRef.current = null;
    release();
    liveCallId.current = null;
    incomingOffer.current = null;
    heldCandidates.current = [];
    ringingCandidates.current.clear();
    setScreenStream(null);
    setRemoteStream(null);
    setPeerMedia(ALL_ON);
    setCallMedia(MEDIA_ON);
  }, [release]);

  // ——— placing a call ———

  const prepareCall = useCallback(
    (peer: CallPeer) => {
      if (isInCall(stateRef.current) || liveCallId.current) return;
      if (stateRef.current.status === 'ended') dispatch({ type: 'reset' });
      setPrecheck({ direction: 'outgoing', peer });
      void acquire();
    },
    [acquire],
  );

  /** Rings `peer` with this stream: the offer goes out with `call-user`, the candidates once it is acked. */
  const placeCall = useCallback(
    (peer: CallPeer, local: MediaStream) => {
      if (!socket) return;
      const callId = newCallId();
      const video = local.getVideoTracks().length > 0;
      liveCallId.current = callId;
      lastAudioOnly.current = !video;
      setDirection('outgoing');
      setPrecheck(null);
      setCallMedia({ ...MEDIA_ON, cameraOff: !video, audioOnly: !video });
      dispatch({ type: 'start', callId, peer, video });

      void (async () => {
        try {
          const iceServers = await getIceServers();
          if (!isCurrent(callId)) return;
          const offer = await openSession(callId, iceServers).createOffer(local);
          if (!isCurrent(callId)) return;
          const result = await settle(
            // socket.io's types lose the ack's type through timeout(): it is the contract's AckResult.
            socket.timeout(ACK_TIMEOUT_MS).emitWithAck('call-user', { to: peer.id, callId, offer, video }) as Promise<AckResult>,
          );
          if (!result.ok) {
            dispatch({ type: 'call-refused', callId, error: refusalCode(result.error.code) });
            return;
          }
          // Hung up while the server was still registering the call: end it there too, or it would ring on.
          if (!isCurrent(callId)) {
            socket.emit('call-end', { callId }, () => undefined);
            return;
          }
          dispatch({ type: 'call-acked', callId });
          releaseCandidates(callId);
        } catch {
          dispatch({ type: 'signalling-failed', callId, error: 'unknown' });
        }
      })();
    },
    [socket, openSession, releaseCandidates],
  );

  const startCall = useCallback(() => {
    const local = localStream.current;
    if (precheck?.direction !== 'outgoing' || !local) return;
    placeCall(precheck.peer, local);
  }, [localStream, precheck, placeCall]);

  /**
   * "Call again" / "Call back" on the ended screen: the same person, the same devices, straight to
   * ringing, as in any phone app. The check shows meanwhile (a moment: the camera starting) and stays
   * only if the camera or microphone cannot start, to say why; Cancel there stops the call going out.
   */
  const callAgain = useCallback(() => {
    const ended = stateRef.current;
    if (ended.status !== 'ended' || !ended.peer || liveCallId.current) return;
    const { peer } = ended;
    const check: Precheck = { direction: 'outgoing', peer };
    dispatch({ type: 'reset' });
    setPrecheck(check);
    void acquire({ cameraId, microphoneId, audioOnly: lastAudioOnly.current }).then((stream) => {
      if (stream && precheckRef.current === check) placeCall(peer, stream);
    });
  }, [acquire, cameraId, microphoneId, placeCall]);

  // ——— answering ———

  const prepareAnswer = useCallback(() => {
    if (stateRef.current.status !== 'ringing') return;
    setPrecheck({ direction: 'incoming' });
    void acquire();
  }, [acquire]);

  const answer = useCallback(() => {
    const local = localStream.current;
    const incoming = incomingOffer.current;
    if (!socket) return;
    const ringing = stateRef.current;
    if (!local || !incoming || ringing.status !== 'ringing' || !isCurrent(incoming.callId)) return;
    const { callId, offer } = incoming;
    const video = local.getVideoTracks().length > 0;
    setPrecheck(null);
    setCallMedia({ ...MEDIA_ON, cameraOff: !video, audioOnly: !video });
    dispatch({ type: 'accept' });

    void (async () => {
      try {
        const iceServers = await getIceServers();
        if (!isCurrent(callId)) return;
        const session = openSession(callId, iceServers);
        // The caller's candidates that came while it rang: added once the offer is set.
        for (const candidate of ringingCandidates.current.take(callId)) void session.addRemoteCandidate(candidate);
        const description = await session.answerOffer(offer, local);
        if (!isCurrent(callId)) return;
        const result = await settle(socket.timeout(ACK_TIMEOUT_MS).emitWithAck('answer-call', { callId, answer: description }) as Promise<AckResult>);
        if (!result.ok) {
          dispatch({ type: 'signalling-failed', callId, error: refusalCode(result.error.code) });
          return;
        }
        releaseCandidates(callId);
      } catch {
        dispatch({ type: 'signalling-failed', callId, error: 'unknown' });
      }
    })();
  }, [localStream, socket, openSession, releaseCandidates]);

  const decline = useCallback(() => {
    const callId = liveCallId.current;
    if (!callId || stateRef.current.status !== 'ringing') return;
    socket?.emit('call-reject', { callId }, () => undefined);
    dispatch({ type: 'decline' });
  }, [socket]);

  const hangUp = useCallback(() => {
    const callId = liveCallId.current;
    const current = stateRef.current;
    if (!callId || !isInCall(current)) return;
    socket?.emit(current.status === 'ringing' ? 'call-reject' : 'call-end', { callId }, () => undefined);
    dispatch({ type: 'hang-up' });
  }, [socket]);

  const cancelPrecheck = useCallback(() => {
    setPrecheck(null);
    // An incoming call keeps ringing (Accept again, or Decline); its camera goes off meanwhile.
    release();
  }, [release]);

  const dismiss = useCallback(() => dispatch({ type: 'reset' }), []);

  const backToThread = useCallback(() => {
    const ended = stateRef.current;
    dispatch({ type: 'reset' });
    if (ended.status === 'ended' && ended.peer) onCallFinished?.(ended.peer);
  }, [onCallFinished]);

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

  // ——— in the call ———

  const toggleMute = useCallback(() => {
    const muted = !callMediaRef.current.muted;
    for (const track of localStream.current?.getAudioTracks() ?? []) track.enabled = !muted;
    setCallMedia((current) => ({ ...current, muted }));
    announce(muted ? 'Microphone muted' : 'Microphone on');
  }, [localStream, announce]);

  const toggleCamera = useCallback(() => {
    const current = callMediaRef.current;
    const track = localStream.current?.getVideoTracks()[0] ?? null;
    if (track) {
      track.enabled = current.cameraOff;
      setCallMedia((media) => ({ ...media, cameraOff: !current.cameraOff }));
      announce(current.cameraOff ? 'Camera on' : 'Camera off');
      return;
    }
    // No camera track (audio only): ask for the camera again and send it without renegotiating.
    void (async () => {
      try {
        const stream = await navigator.mediaDevices.getUserMedia({ video: cameraId ? { deviceId: { exact: cameraId } } : true });
        const [camera] = stream.getVideoTracks();
        const local = localStream.current;
        if (!camera || !local || !sessionRef.current) {
          for (const track of stream.getTracks()) track.stop();
          return;
        }
        local.addTrack(camera);
        if (!screenRef.current) await sessionRef.current.replaceVideoTrack(camera);
        refresh();
        setCallMedia((media) => ({ ...media, cameraOff: false, audioOnly: false }));
        announce('Camera on');
      } catch (error) {
        announce(classifyMediaError(error) === 'no-device' ? 'No camera was found' : 'The camera could not be started');
      }
    })();
  }, [localStream, cameraId, refresh, announce]);

  const stopScreenShare = useCallback(() => {
    const screen = screenRef.current;
    if (!screen) return;
    screenRef.current = null;
    for (const track of screen.getTracks()) track.stop();
    setScreenStream(null);
    const camera = localStream.current?.getVideoTracks()[0] ?? null;
    void sessionRef.current?.replaceVideoTrack(camera);
    setCallMedia((media) => ({ ...media, screenSharing: false }));
    announce('Screen sharing stopped');
  }, [localStream, announce]);

  const toggleScreenShare = useCallback(() => {
    if (screenRef.current) {
      stopScreenShare();
      return;
    }
    void (async () => {
      try {
        const screen = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
        const [track] = screen.getVideoTracks();
        if (!track || !sessionRef.current) {
          for (const other of screen.getTracks()) other.stop();
          return;
        }
        screenRef.current = screen;
        // The browser's own "Stop sharing" bar ends the track: back to the camera then too.
        track.addEventListener('ended', stopScreenShare, { once: true });
        await sessionRef.current.replaceVideoTrack(track);
        setScreenStream(screen);
        setCallMedia((media) => ({ ...media, screenSharing: true }));
        announce('Sharing your screen');
      } catch (error) {
        // Cancelling the browser's picker is a NotAllowedError too: nothing to say then.
        if (classifyMediaError(error) !== 'permission-denied') announce('Screen sharing could not start');
      }
    })();
  }, [stopScreenShare, announce]);

  const switchToAudioOnly = useCallback(() => {
    const local = localStream.current;
    const camera = local?.getVideoTracks()[0];
    if (!local || !camera) return;
    // Stopping the track (not just disabling it) stops sending video at all: all the bandwidth goes to the voice.
    void sessionRef.current?.replaceVideoTrack(screenRef.current?.getVideoTracks()[0] ?? null);
    camera.stop();
    local.removeTrack(camera);
    refresh();
    setCallMedia((media) => ({ ...media, cameraOff: true, audioOnly: true }));
    announce('Switched to audio only');
  }, [localStream, refresh, announce]);

  // ——— the server's events ———

  useCallSignalling(socket, {
    'call-made': ({ callId, from, offer, video }) => {
      // The server refuses a second call to someone in one (BUSY); a stray ring here is ignored.
      if (liveCallId.current || isInCall(stateRef.current)) return;
      if (precheck?.direction === 'outgoing') cancelPrecheck();
      liveCallId.current = callId;
      incomingOffer.current = { callId, offer };
      setDirection('incoming');
      dispatch({ type: 'incoming', callId, peer: { id: from.id, name: from.name, role: from.role, avatarUrl: from.avatarUrl }, video });
    },
    'call-answered': ({ callId, answer: description }) => {
      const session = sessionRef.current;
      if (!isCurrent(callId) || directionRef.current !== 'outgoing' || !session) return;
      dispatch({ type: 'remote-answered', callId });
      session.acceptAnswer(description).catch(() => dispatch({ type: 'signalling-failed', callId, error: 'unknown' }));
    },
    'ice-candidate': ({ callId, candidate }) => {
      if (!isCurrent(callId)) return;
      const session = sessionRef.current;
      if (session) void session.addRemoteCandidate(candidate);
      else ringingCandidates.current.add(callId, candidate);
    },
    'call-ended': ({ callId, reason, answeredElsewhere }) => {
      ringingCandidates.current.drop(callId);
      dispatch({ type: 'remote-ended', callId, reason, ...(answeredElsewhere ? { answeredElsewhere } : {}) });
    },
    'call-renegotiate': ({ callId, description }) => {
      const session = sessionRef.current;
      if (!isCurrent(callId) || !session) return;
      void session
        .renegotiate(description)
        .then((reply) => {
          if (reply) socket?.emit('call-renegotiate', { callId, description: reply }, () => undefined);
        })
        .catch(() => undefined);
    },
  });

  // ——— following the state ———

  const status = state.status;
  const endedState = status === 'ended' ? state : null;

  // The call is over, however it ended: let everything go and say why. The ended screen stays
  // (its length, Call again, Back to the thread) unless there is nothing to tell.
  useEffect(() => {
    if (!endedState || handledEnd.current === endedState) return;
    handledEnd.current = endedState;
    if (liveCallId.current && endedState.callId === liveCallId.current && directionRef.current === 'outgoing' && endedState.reason === 'timeout' && endedState.by === 'system') {
      // Our own ring timer fired: make sure the server stops ringing too.
      socket?.emit('call-end', { callId: endedState.callId }, () => undefined);
    }
    releaseCall();
    setPrecheck(null);
    announce(endedAnnouncement(endedSummary(endedState, directionRef.current ?? 'outgoing', Date.now())));
    if (closesBySelf(endedState)) dispatch({ type: 'reset' });
  }, [endedState, releaseCall, announce, socket]);

  // Ringing too long with no word from the server: give up locally.
  useEffect(() => {
    if (status !== 'calling' && status !== 'ringing') return;
    const timer = setTimeout(() => dispatch({ type: 'ring-timeout' }), CLIENT_RING_MS);
    return () => clearTimeout(timer);
  }, [status]);

  // The path broke: the caller restarts ICE (one side only, so two offers never cross) and both wait.
  useEffect(() => {
    if (status !== 'reconnecting') return;
    const callId = liveCallId.current;
    const session = sessionRef.current;
    if (callId && session && directionRef.current === 'outgoing') {
      session
        .restartIce()
        .then((offer) => socket?.emit('call-renegotiate', { callId, description: offer }, () => undefined))
        .catch(() => undefined);
    }
    const timer = setTimeout(() => dispatch({ type: 'reconnect-timeout' }), RECONNECT_MS);
    return () => clearTimeout(timer);
  }, [status, socket]);

  // Our media state to the other side, on every change (the session resends it when the channel opens).
  useEffect(() => {
    sessionRef.current?.sendMediaState({ muted: callMedia.muted, cameraOff: callMedia.cameraOff, screenSharing: callMedia.screenSharing });
  }, [callMedia, status]);

  // The other side's media changes, announced: "Patient muted".
  useEffect(() => {
    const before = peerMediaRef.current;
    peerMediaRef.current = peerMedia;
    const peer = 'peer' in state ? state.peer : null;
    if (!peer) return;
    const changes = peerMediaChanges(peer, before, peerMedia);
    if (changes.length > 0) announce(changes.join('. '));
  }, [peerMedia, state, announce]);

  // A closing tab says goodbye, so the other side is not left waiting out the disconnect grace.
  useEffect(() => {
    const onPageHide = () => {
      const callId = liveCallId.current;
      // A tab that only rang says nothing: the user's other tabs still ring.
      if (callId && isInCall(stateRef.current) && stateRef.current.status !== 'ringing') socket?.emit('call-end', { callId }, () => undefined);
    };
    window.addEventListener('pagehide', onPageHide);
    return () => window.removeEventListener('pagehide', onPageHide);
  }, [socket]);

  // Signing out unmounts the provider (the realtime provider is keyed by user): close whatever is
  // open. The server ends the call itself when the socket leaves; the camera is useLocalMedia's.
  useEffect(
    () => () => {
      sessionRef.current?.close();
      for (const track of screenRef.current?.getTracks() ?? []) track.stop();
    },
    [],
  );

  // Who this user is, for their own avatar: asked afresh whenever a call screen opens (a picture
  // changed on the profile page shows in the next call).
  const screenOpen = precheck !== null || status === 'ringing';
  useEffect(() => {
    if (!socket || !screenOpen) return;
    const controller = new AbortController();
    getSelf(controller.signal).then(
      (user) => user && setSelf({ id: user.id, name: user.name, role: user.role, avatarUrl: user.avatarUrl }),
      () => undefined,
    );
    return () => controller.abort();
  }, [socket, screenOpen]);

  const isOnline = useCallback((userId: string) => (online ? online.has(userId) : null), [online]);

  const quality = useConnectionQuality(sessionRef, status === 'connected' || status === 'reconnecting');

  const live = isInCall(state);
  const value = useMemo<VideoCallContextValue>(
    () => ({
      state,
      direction: live || status === 'ended' ? direction : null,
      precheck,
      localMedia,
      previewStream: screenStream ?? localMedia.stream,
      callMedia,
      remoteStream,
      peerMedia,
      quality,
      announcement,
      canCall: socket !== null && connected && !live && precheck === null,
      self,
      isOnline,
      prepareCall,
      prepareAnswer,
      cancelPrecheck,
      selectDevices,
      startCall,
      answer,
      decline,
      hangUp,
      dismiss,
      callAgain,
      backToThread,
      toggleMute,
      toggleCamera,
      toggleScreenShare,
      switchToAudioOnly,
    }),
    [
      state,
      live,
      status,
      direction,
      precheck,
      localMedia,
      screenStream,
      callMedia,
      remoteStream,
      peerMedia,
      quality,
      announcement,
      socket,
      connected,
      self,
      isOnline,
      prepareCall,
      prepareAnswer,
      cancelPrecheck,
      selectDevices,
      startCall,
      answer,
      decline,
      hangUp,
      dismiss,
      callAgain,
      backToThread,
      toggleMute,
      toggleCamera,
      toggleScreenShare,
      switchToAudioOnly,
    ],
  );

  return (
    <VideoCallContext value={value}>
      {children}
      <CallScreen renderExtras={renderCallExtras} />
    </VideoCallContext>
  );
}
