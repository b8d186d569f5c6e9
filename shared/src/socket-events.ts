import type { SocketErrorCode } from './errors.js';
import type {
  AnswerCallInput,
  CallEndReason,
  CallIdInput,
  CallUserInput,
  IceCandidate,
  IceCandidateInput,
  RenegotiateCallInput,
  SessionDescription,
} from './schemas/calls.js';
import type { Consultation, WaitingNoteEvent } from './schemas/consultations.js';
import type { Message } from './schemas/messages.js';
import type { PublicUser } from './schemas/users.js';
import type { Role } from './roles.js';

/** Why the server ended a session: logout or password change elsewhere, a timeout, or an admin's deactivation. */
export type SessionEndReason = 'revoked' | 'expired' | 'deactivated';

/** Every client→server event answers through this acknowledgement. */
export type AckResult = { ok: true } | { ok: false; error: { code: SocketErrorCode; message: string } };
export type Ack = (result: AckResult) => void;

export interface ServerToClientEvents {
  onlineUsers: (userIds: string[]) => void;
  presence: (update: { userId: string; online: boolean }) => void;
  newMessage: (message: Message) => void;
  messageUpdated: (message: Message) => void;
  messagesRead: (receipt: { readerId: string; upTo: string; readAt: string }) => void;
  typing: (update: { userId: string; isTyping: boolean }) => void;
  queueUpdated: (update: { consultations: Consultation[] }) => void;
  consultationUpdated: (consultation: Consultation) => void;
  /** Extension: a doctor started or stopped taking patients (to every patient: the directory and its count). */
  doctorAvailability: (change: { doctorId: string; available: boolean }) => void;
  /** Extension: a doctor's word to the patients waiting for them by name; `text` "" when cleared. */
  waitingNote: (note: WaitingNoteEvent) => void;
  'call-made': (call: { callId: string; from: PublicUser; offer: SessionDescription; video: boolean }) => void;
  'call-answered': (answer: { callId: string; answer: SessionDescription }) => void;
  'ice-candidate': (relay: { callId: string; candidate: IceCandidate }) => void;
  /**
   * `answeredElsewhere` (extension): sent with reason `hangup` to the callee's other tabs when one
   * tab answers, so they stop ringing and can say "answered on another device".
   */
  'call-ended': (end: { callId: string; reason: CallEndReason; answeredElsewhere?: boolean }) => void;
  /** Extension: the other party's new offer/answer for an ICE restart, to the other socket in the call. */
  'call-renegotiate': (relay: { callId: string; description: SessionDescription }) => void;
  /** Extension: the server is going away (deploy); reconnect, possibly to another instance. */
  'server-shutdown': (hint: { reconnectInMs: number }) => void;
  /** Extension: this session ended (logout, password change, deactivation, timeout). */
  'session-ended': (reason: { reason: SessionEndReason }) => void;
}

export interface ClientToServerEvents {
  typing: (payload: { to: string; isTyping: boolean }, ack: Ack) => void;
  'call-user': (payload: CallUserInput, ack: Ack) => void;
  'answer-call': (payload: AnswerCallInput, ack: Ack) => void;
  'ice-candidate': (payload: IceCandidateInput, ack: Ack) => void;
  'call-end': (payload: CallIdInput, ack: Ack) => void;
  'call-reject': (payload: CallIdInput, ack: Ack) => void;
  /** Extension: answers `NO_SUCH_CALL` unless sent from one of the two sockets of an answered call. */
  'call-renegotiate': (payload: RenegotiateCallInput, ack: Ack) => void;
}

/** Between backend instances (through the Redis adapter) when scaled out. */
export interface InterServerEvents {
  /** these sessions ended on one instance: the others drop their cached copies */
  'sessions-ended': (sessionIds: string[]) => void;
  /** these accounts' role or active flag changed on one instance: the others drop their cached copies */
  'users-changed': (userIds: string[]) => void;
  /** a consultation changed on one instance: the others re-read it by id and re-broadcast their waiting line */
  'consultation-changed': (consultationId: string) => void;
  /** a doctor's availability changed on one instance: the others re-read the doctor their waiting line shows */
  'doctor-availability-changed': (doctorId: string) => void;
}

/** What the handshake puts on every socket: identity from the token only. */
export interface SocketData {
  userId: string;
  role: Role;
  sessionId: string;
}
