import type { IceCandidate, SessionDescription } from '@telehealth/shared';
import type { ConnectionSignal } from '../logic/call-machine';
import type { PeerMedia } from '../logic/call-messages';
import { createEarlyRemoteCandidates } from '../logic/candidate-buffer';
import { CONTROL_CHANNEL, encodeMediaState, parseControlMessage } from '../logic/control-message';

export interface CallSessionEvents {
  /** a local ICE candidate to send to the other side (`ice-candidate`) */
  onLocalCandidate: (candidate: IceCandidate) => void;
  /** the connection states the call machine cares about */
  onConnection: (signal: ConnectionSignal) => void;
  /** the other side's audio and video, once their first track arrives */
  onRemoteStream: (stream: MediaStream) => void;
  onPeerMedia: (media: PeerMedia) => void;
}

const toDescription = (description: RTCSessionDescriptionInit): SessionDescription => ({
  type: description.type,
  ...(description.sdp === undefined ? {} : { sdp: description.sdp }),
});

/** What the call's flows use of a session: `CallSession` in the browser, a small fake in unit tests. */
export type CallSessionApi = Pick<
  CallSession,
  | 'createOffer'
  | 'answerOffer'
  | 'acceptAnswer'
  | 'addRemoteCandidate'
  | 'restartIce'
  | 'renegotiate'
  | 'replaceVideoTrack'
  | 'sendMediaState'
  | 'getStats'
  | 'close'
>;

/** Makes the session for one call (`createCallSession` in the app; tests pass their fake). */
export type CreateSession = (iceServers: RTCIceServer[], events: CallSessionEvents) => CallSessionApi;

export const createCallSession: CreateSession = (iceServers, events) => new CallSession(iceServers, events);

/**
 * One call's RTCPeerConnection, behind the few operations the call needs. It knows nothing of
 * sockets or React: the flows send what it produces and feed it what arrives.
 *
 * Both sides add an audio and a video transceiver even without a camera, so the m-lines exist:
 * the answerer can then send whatever it has, and screen sharing or a camera switched back on
 * is a `replaceTrack`, never a renegotiation.
 */
export class CallSession {
  private readonly pc: RTCPeerConnection;
  private readonly control: RTCDataChannel;
  private readonly remoteStream = new MediaStream();
  /** the other side's candidates that came before its description (logic/candidate-buffer.ts, queue 3) */
  private readonly earlyRemote = createEarlyRemoteCandidates<IceCandidate>();
  private lastMedia: PeerMedia | null = null;
  private closed = false;

  constructor(
    iceServers: RTCIceServer[],
    private readonly events: CallSessionEvents,
  ) {
    this.pc = new RTCPeerConnection({ iceServers });
    this.pc.addEventListener('icecandidate', this.handleCandidate);
    this.pc.addEventListener('connectionstatechange', this.handleConnectionState);
    this.pc.addEventListener('track', this.handleTrack);
    this.control = this.pc.createDataChannel(CONTROL_CHANNEL.label, { negotiated: true, id: CONTROL_CHANNEL.id });
    this.control.addEventListener('open', this.handleControlOpen);
    this.control.addEventListener('message', this.handleControlMessage);
  }

  /** The caller's side: our media in, the offer out. */
  async createOffer(local: MediaStream): Promise<SessionDescription> {
    this.attach(local);
    const offer = await this.pc.createOffer();
    await this.pc.setLocalDescription(offer);
    return toDescription(this.pc.localDescription ?? offer);
  }

  /** The callee's side: their offer and our media in, the answer out. */
  async answerOffer(offer: SessionDescription, local: MediaStream): Promise<SessionDescription> {
    await this.pc.setRemoteDescription(offer);
    // After the offer, so our tracks reuse the transceivers it created instead of adding new m-lines.
    this.attach(local);
    await this.flushRemoteCandidates();
    const answer = await this.pc.createAnswer();
    await this.pc.setLocalDescription(answer);
    return toDescription(this.pc.localDescription ?? answer);
  }

  async acceptAnswer(answer: SessionDescription): Promise<void> {
    await this.pc.setRemoteDescription(answer);
    await this.flushRemoteCandidates();
  }

  /** Adds a remote candidate now, or as soon as the remote description is set. */
  async addRemoteCandidate(candidate: IceCandidate): Promise<void> {
    if (!this.pc.remoteDescription) {
      this.earlyRemote.add(candidate);
      return;
    }
    await this.pc.addIceCandidate(candidate).catch(() => undefined);
  }

  /** ICE restart (the caller's side): a new offer with fresh credentials, for `call-renegotiate`. */
  async restartIce(): Promise<SessionDescription> {
    this.pc.restartIce();
    const offer = await this.pc.createOffer({ iceRestart: true });
    await this.pc.setLocalDescription(offer);
    return toDescription(this.pc.localDescription ?? offer);
  }

  /** The other side's `call-renegotiate`: an offer is answered (returned), an answer is applied. */
  async renegotiate(description: SessionDescription): Promise<SessionDescription | null> {
    await this.pc.setRemoteDescription(description);
    if (description.type !== 'offer') return null;
    const answer = await this.pc.createAnswer();
    await this.pc.setLocalDescription(answer);
    return toDescription(this.pc.localDescription ?? answer);
  }

  /** What we send as video: the camera, a screen, or nothing (audio only). No renegotiation. */
  async replaceVideoTrack(track: MediaStreamTrack | null): Promise<void> {
    await this.senderOf('video')?.replaceTrack(track);
  }

  sendMediaState(media: PeerMedia): void {
    this.lastMedia = media;
    if (this.control.readyState === 'open') this.control.send(encodeMediaState(media));
  }

  getStats(): Promise<RTCStatsReport> {
    return this.pc.getStats();
  }

  /** Closes the connection and removes every listener; safe to call twice. The tracks are the media controls' to stop. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.pc.removeEventListener('icecandidate', this.handleCandidate);
    this.pc.removeEventListener('connectionstatechange', this.handleConnectionState);
    this.pc.removeEventListener('track', this.handleTrack);
    this.control.removeEventListener('open', this.handleControlOpen);
    this.control.removeEventListener('message', this.handleControlMessage);
    this.control.close();
    this.pc.close();
    this.earlyRemote.takeAll();
  }

  private attach(local: MediaStream): void {
    for (const kind of ['audio', 'video'] as const) {
      const track = local.getTracks().find((candidate) => candidate.kind === kind);
      // addTrack reuses the transceiver an offer created for this kind, so the answer has no new m-line.
      if (track) {
        this.pc.addTrack(track, local);
        continue;
      }
      const unused = this.pc
        .getTransceivers()
        .find((transceiver) => transceiver.receiver.track.kind === kind && !transceiver.sender.track);
      if (unused) unused.direction = 'sendrecv';
      else this.pc.addTransceiver(kind, { direction: 'sendrecv', streams: [local] });
    }
  }

  private senderOf(kind: 'audio' | 'video'): RTCRtpSender | undefined {
    return this.pc.getTransceivers().find((transceiver) => transceiver.receiver.track.kind === kind)?.sender;
  }

  private async flushRemoteCandidates(): Promise<void> {
    for (const candidate of this.earlyRemote.takeAll()) await this.pc.addIceCandidate(candidate).catch(() => undefined);
  }

  private readonly handleCandidate = (event: RTCPeerConnectionIceEvent) => {
    // A null candidate marks the end of gathering; the contract carries real candidates only.
    if (event.candidate) this.events.onLocalCandidate(event.candidate.toJSON());
  };

  private readonly handleConnectionState = () => {
    const state = this.pc.connectionState;
    if (state === 'connected' || state === 'disconnected' || state === 'failed') this.events.onConnection(state);
  };

  private readonly handleTrack = (event: RTCTrackEvent) => {
    if (!this.remoteStream.getTracks().includes(event.track)) this.remoteStream.addTrack(event.track);
    this.events.onRemoteStream(this.remoteStream);
  };

  private readonly handleControlOpen = () => {
    if (this.lastMedia) this.control.send(encodeMediaState(this.lastMedia));
  };

  private readonly handleControlMessage = (event: MessageEvent) => {
    const media = parseControlMessage(event.data);
    if (media) this.events.onPeerMedia(media);
  };
}
