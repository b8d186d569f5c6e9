import type { AckResult, IceCandidate, SessionDescription } from '@telehealth/shared';
import type { CallSignals } from '../api/call-signals';
import type { CallEvent } from '../logic/call-machine';
import type { CallSessionApi, CallSessionEvents, CreateSession } from '../rtc/call-session';
import { ActiveCall } from './active-call';

/**
 * Doubles of our own interfaces for the flows' unit tests (jsdom has no RTCPeerConnection): a
 * session that records what it was asked, signals that record what was said and answer as told.
 */
export interface FakeSession extends CallSessionApi {
  steps: string[];
  events: CallSessionEvents;
}

export function fakeSessionFactory(): { createSession: CreateSession; sessions: FakeSession[] } {
  const sessions: FakeSession[] = [];
  const description = (type: 'offer' | 'answer'): SessionDescription => ({ type, sdp: `${type}-sdp` });
  const createSession: CreateSession = (_iceServers, events) => {
    const steps: string[] = [];
    const session: FakeSession = {
      steps,
      events,
      createOffer: async () => (steps.push('createOffer'), description('offer')),
      answerOffer: async () => (steps.push('answerOffer'), description('answer')),
      acceptAnswer: async () => void steps.push('acceptAnswer'),
      addRemoteCandidate: async (candidate) => void steps.push(`remote:${candidate.candidate}`),
      restartIce: async () => (steps.push('restartIce'), description('offer')),
      renegotiate: async (remote) => (
        steps.push(`renegotiate:${remote.type}`),
        remote.type === 'offer' ? description('answer') : null
      ),
      replaceVideoTrack: async (track) => void steps.push(`video:${track ? track.kind : 'none'}`),
      sendMediaState: (media) => void steps.push(`media:${JSON.stringify(media)}`),
      getStats: async () => new Map(),
      close: () => void steps.push('close'),
    };
    sessions.push(session);
    return session;
  };
  return { createSession, sessions };
}

export interface FakeSignals extends CallSignals {
  said: string[];
  /** what the next `call-user` / `answer-call` is answered with */
  answer: AckResult;
  /** runs while the server "thinks" about `call-user`, before it answers */
  whileWaiting?: () => void;
}

export function fakeSignals(): FakeSignals {
  const signals: FakeSignals = {
    said: [],
    answer: { ok: true },
    callUser: async ({ callId }) => {
      signals.said.push(`call-user:${callId}`);
      signals.whileWaiting?.();
      return signals.answer;
    },
    answerCall: async ({ callId }) => (signals.said.push(`answer-call:${callId}`), signals.answer),
    sendCandidate: (callId, candidate) => void signals.said.push(`ice-candidate:${callId}:${candidate.candidate}`),
    renegotiate: (callId, description) => void signals.said.push(`call-renegotiate:${callId}:${description.type}`),
    endCall: (callId) => void signals.said.push(`call-end:${callId}`),
    rejectCall: (callId) => void signals.said.push(`call-reject:${callId}`),
  };
  return signals;
}

export const candidate = (name: string): IceCandidate => ({ candidate: name, sdpMid: '0', sdpMLineIndex: 0 });

/** A stream with the given tracks: enough of MediaStream for the flows and the media controls. */
export function fakeStream(kinds: ('audio' | 'video')[]): MediaStream {
  let tracks = kinds.map((kind) => ({
    kind,
    enabled: true,
    stopped: false,
    stop() {
      this.stopped = true;
    },
    addEventListener() {},
  }));
  const stream = {
    getTracks: () => tracks,
    getAudioTracks: () => tracks.filter((track) => track.kind === 'audio'),
    getVideoTracks: () => tracks.filter((track) => track.kind === 'video'),
    addTrack: (track: (typeof tracks)[number]) => void tracks.push(track),
    removeTrack: (track: (typeof tracks)[number]) => void (tracks = tracks.filter((other) => other !== track)),
  };
  return stream as unknown as MediaStream;
}

/** An ActiveCall over fake sessions, the signals and a dispatch that records, wired as the provider wires them. */
export function flowKit() {
  const { createSession, sessions } = fakeSessionFactory();
  const dispatched: CallEvent[] = [];
  const dispatch = (event: CallEvent) => void dispatched.push(event);
  const call = new ActiveCall(createSession, {
    onConnection: (state) => dispatch({ type: 'connection', state, at: 1 }),
    onRemoteStream: () => undefined,
    onPeerMedia: () => undefined,
  });
  const signals = fakeSignals();
  return { call, signals, dispatch, dispatched, sessions, getIceServers: async () => [] as RTCIceServer[] };
}
