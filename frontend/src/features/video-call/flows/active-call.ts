import type { IceCandidate, SessionDescription } from '@telehealth/shared';
import type { CallSignals } from '../api/call-signals';
import { createOutgoingCandidates, createRingingCandidates } from '../logic/candidate-buffer';
import type { CallSessionApi, CallSessionEvents, CreateSession } from '../rtc/call-session';

/** What the session reports that the rest of the app shows (only for the call still on screen). */
export type SessionListeners = Omit<CallSessionEvents, 'onLocalCandidate'>;

/**
 * The call this tab is in, outside React state, so the flows and the server's events can read it
 * at once rather than after a render: its id, its `CallSession` once there is one, the offer
 * waiting for Accept, and two of the candidate queues (logic/candidate-buffer.ts; the third is
 * inside the session). `isCurrent(callId)` is how anything late — an ack, an event, a session
 * callback — recognises a call that is no longer this one. One per provider.
 */
export class ActiveCall {
  callId: string | null = null;
  session: CallSessionApi | null = null;
  /** the offer of the call ringing here, until it is answered */
  incomingOffer: SessionDescription | null = null;
  /** queue 2: the caller's candidates while it rings here */
  readonly ringing = createRingingCandidates<IceCandidate>();
  /** queue 1: our candidates until the server has acknowledged the call */
  private readonly outgoing = createOutgoingCandidates<{ callId: string; candidate: IceCandidate }>(({ callId, candidate }) => {
    if (this.isCurrent(callId)) this.signals?.sendCandidate(callId, candidate);
  });
  private signals: CallSignals | null = null;

  constructor(
    private readonly createSession: CreateSession,
    private readonly listeners: SessionListeners,
  ) {}

  isCurrent(callId: string): boolean {
    return this.callId === callId;
  }

  /** This tab is in `callId` now: placing it, or ringing for it (with the caller's offer). */
  claim(callId: string, incomingOffer: SessionDescription | null = null): void {
    this.callId = callId;
    this.incomingOffer = incomingOffer;
  }

  /** The peer connection for `callId`; our candidates are held until `releaseCandidates`. */
  open(callId: string, iceServers: RTCIceServer[], signals: CallSignals): CallSessionApi {
    this.signals = signals;
    this.outgoing.hold();
    const session = this.createSession(iceServers, {
      onLocalCandidate: (candidate) => this.isCurrent(callId) && this.outgoing.add({ callId, candidate }),
      onConnection: (signal) => this.isCurrent(callId) && this.listeners.onConnection(signal),
      onRemoteStream: (stream) => this.isCurrent(callId) && this.listeners.onRemoteStream(stream),
      onPeerMedia: (media) => this.isCurrent(callId) && this.listeners.onPeerMedia(media),
    });
    this.session = session;
    return session;
  }

  /** The server knows the call now: the held candidates go out, and the rest as they come. */
  releaseCandidates(): void {
    this.outgoing.release();
  }

  /** Lets the call go: its connection and every waiting candidate. Safe to call when there is none. */
  close(): void {
    this.session?.close();
    this.session = null;
    this.callId = null;
    this.incomingOffer = null;
    this.outgoing.hold();
    this.ringing.clear();
  }
}
