import {
  canCall,
  mayPatientCall,
  takesPart,
  type FollowUpConsultation,
  type Relation,
  type AnswerCallInput,
  type CallIdInput,
  type CallOutcome,
  type CallUserInput,
  type IceCandidateInput,
  type RenegotiateCallInput,
  type Role,
} from '@telehealth/shared';
import { Types } from 'mongoose';
import type { Clock } from '../../lib/clock.js';
import type { Logger } from '../../lib/logger.js';
import type { PresenceRegistry } from '../../realtime/presence-registry.js';
import { rooms, type RealtimeServer } from '../../realtime/types.js';
import { readPublicUsers, toPublicUser } from '../users/index.js';
import { createCallEnding, createCallTimers } from './call-ending.js';
import { callRefusals } from './call-refusal.js';
import { createLocalCallRegistry, type CallRegistry, type LiveCall, type StartResult } from './call-registry.js';

/** Who sent a socket event: identity from the handshake, and which of their tabs it came from. */
export interface CallActor {
  userId: string;
  role: Role;
  socketId: string;
}

/** What a finished call leaves in the conversation (one `kind: 'call'` message). */
export interface CallRecord {
  /** lets the message service store the trace once, however often it is asked */
  callId: string;
  callerId: string;
  calleeId: string;
  outcome: CallOutcome;
  durationSeconds: number;
}

export interface CallServiceDeps {
  io: RealtimeServer;
  presence: PresenceRegistry;
  clock: Clock;
  logger: Logger;
  /** unanswered calls end as `timeout` (missed) after this long */
  ringMs: number;
  /** a call socket that drops without saying goodbye gets this long to come back (Socket.IO recovery) */
  disconnectGraceMs: number;
  /** writes the call's message into the thread: `messages.recordCall` */
  recordCall: (record: CallRecord) => Promise<unknown>;
  /** whether two people have had a consultation together (consultations module) */
  relationBetween: (userA: string, userB: string) => Promise<Relation>;
  /** a patient's consultations with a doctor, for `mayPatientCall` (consultations module) */
  pairConsultations: (patientId: string, doctorId: string) => Promise<FollowUpConsultation[]>;
  registry?: CallRegistry;
}

/** Why a call socket went away: on purpose (end the call now) or lost (wait for it to come back). */
export type SocketLeave = 'intentional' | 'lost';

export interface CallService {
  startCall(actor: CallActor, input: CallUserInput): Promise<void>;
  answer(actor: CallActor, input: AnswerCallInput): Promise<void>;
  relayCandidate(actor: CallActor, input: IceCandidateInput): Promise<void>;
  /** An ICE restart's offer or answer, between the two sockets of an answered call. */
  renegotiate(actor: CallActor, input: RenegotiateCallInput): Promise<void>;
  hangUp(actor: CallActor, input: CallIdInput): Promise<void>;
  reject(actor: CallActor, input: CallIdInput): Promise<void>;
  socketLeft(actor: CallActor, leave: SocketLeave): Promise<void>;
  /** A socket came back with its id (Socket.IO connection state recovery): keep its call. */
  socketRecovered(socketId: string): void;
  /** The live call a user is in, if any. */
  callOf(userId: string): Promise<LiveCall | undefined>;
  close(): Promise<void>;
}

const { noSuchCall } = callRefusals;

const isCallerSocket = (call: LiveCall, actor: CallActor) =>
  call.callerId === actor.userId && call.callerSocketId === actor.socketId;
const isAnsweringSocket = (call: LiveCall, actor: CallActor) =>
  call.calleeId === actor.userId && call.calleeSocketId === actor.socketId;
const isRingingCallee = (call: LiveCall, actor: CallActor) => call.calleeId === actor.userId && call.state === 'ringing';

/** A new call, ringing: the caller's socket is known, the callee's only once a tab answers. */
function ringingCall(actor: CallActor, input: CallUserInput, now: number): LiveCall {
  return {
    callId: input.callId,
    callerId: actor.userId,
    calleeId: input.to,
    video: input.video,
    state: 'ringing',
    startedAt: now,
    answeredAt: null,
    callerSocketId: actor.socketId,
    calleeSocketId: null,
  };
}

/** The registry refused the call: a reused id, or one of the two is in a call already. */
function assertStarted(started: StartResult): void {
  if (started.started) return;
  if (started.reason === 'duplicate-id') throw callRefusals.duplicateId();
  throw callRefusals.busy();
}

/** A candidate goes to the other side of the call, from either of its two sockets only. */
function relayCandidate(io: RealtimeServer, call: LiveCall, actor: CallActor, input: IceCandidateInput): void {
  const relay = { callId: call.callId, candidate: input.candidate };
  if (isCallerSocket(call, actor)) {
    // Trickle ICE starts before the answer; while ringing every callee tab gets the caller's
    // candidates and buffers them until it accepts (then applies them after the offer).
    io.to(call.calleeSocketId ?? rooms.user(call.calleeId)).emit('ice-candidate', relay);
  } else if (isAnsweringSocket(call, actor)) {
    io.to(call.callerSocketId).emit('ice-candidate', relay);
  } else {
    throw noSuchCall();
  }
}

/** An ICE restart's offer or answer, between the two sockets of an answered call. */
function relayRenegotiation(io: RealtimeServer, call: LiveCall, actor: CallActor, input: RenegotiateCallInput): void {
  const relay = { callId: call.callId, description: input.description };
  if (isCallerSocket(call, actor) && call.calleeSocketId !== null) io.to(call.calleeSocketId).emit('call-renegotiate', relay);
  else if (isAnsweringSocket(call, actor)) io.to(call.callerSocketId).emit('call-renegotiate', relay);
  else throw noSuchCall();
}

/**
 * The caller, if `canCall` (shared policies) lets them call this person, read by `_id` through the
 * users module; FORBIDDEN otherwise, and the same for an unknown id, so nothing is learnt. A
 * patient calls a doctor only during an active consultation (`mayPatientCall`); the follow-up
 * window after it is for writing.
 */
async function allowedCaller(
  callerId: string,
  calleeId: string,
  deps: Pick<CallServiceDeps, 'relationBetween' | 'pairConsultations'>,
) {
  if (calleeId === callerId) throw callRefusals.forbidden('You cannot call yourself');
  const users = Types.ObjectId.isValid(calleeId) ? await readPublicUsers([callerId, calleeId]) : new Map<string, never>();
  const [caller, callee] = [users.get(callerId), users.get(calleeId)];
  if (!caller || !callee) throw callRefusals.forbidden();
  const party = (user: NonNullable<typeof caller>) => ({ id: user._id.toString(), role: user.role, active: user.active });
  if (!canCall(party(caller), party(callee), await deps.relationBetween(callerId, calleeId))) throw callRefusals.forbidden();
  if (caller.role === 'patient' && !mayPatientCall(await deps.pairConsultations(callerId, calleeId)))
    throw callRefusals.forbidden(
      'You can call your doctor only during an active consultation; ask for a new consultation to talk again',
    );
  return caller;
}

/**
 * The ringing callee's tab answered: stop the ring, hand the caller the answer, and tell the
 * callee's other tabs the call was taken elsewhere.
 */
async function takeAnswer(
  scope: {
    io: CallServiceDeps['io'];
    registry: CallRegistry;
    timers: ReturnType<typeof createCallTimers>;
    clock: CallServiceDeps['clock'];
  },
  call: LiveCall,
  actor: CallActor,
  answer: AnswerCallInput['answer'],
): Promise<void> {
  const answered = await scope.registry.markAnswered(call.callId, actor.socketId, scope.clock.now());
  // Another tab answered a moment earlier: for this one the call is gone.
  if (!answered) throw noSuchCall();
  scope.timers.stopRing(call.callId);
  scope.io.to(call.callerSocketId).emit('call-answered', { callId: call.callId, answer });
  scope.io
    .to(rooms.user(call.calleeId))
    .except(actor.socketId)
    .emit('call-ended', { callId: call.callId, reason: 'hangup', answeredElsewhere: true });
}

/**
 * Call signalling: the server checks who may call whom, keeps the live calls, and relays SDP and
 * ICE between exactly the two sockets in a call. Media never passes through it (peer to peer).
 */
export function createCallService(deps: CallServiceDeps): CallService {
  const { io, presence, clock } = deps;
  const registry = deps.registry ?? createLocalCallRegistry();
  const timers = createCallTimers();
  const { end, endLater } = createCallEnding({ ...deps, registry, timers });

  /** The call, if this actor takes part in it at all; a third user learns nothing (NO_SUCH_CALL). */
  async function callFor(actor: CallActor, callId: string): Promise<LiveCall> {
    const call = await registry.get(callId);
    if (!call || !takesPart(actor.userId, [call.callerId, call.calleeId])) throw noSuchCall();
    return call;
  }

  return {
    async startCall(actor, input) {
      // The order matters: only someone allowed to call may learn whether the callee is online or busy.
      const caller = await allowedCaller(actor.userId, input.to, deps);
      if (!(await presence.isOnline(input.to))) throw callRefusals.offline();

      assertStarted(await registry.tryStart(ringingCall(actor, input, clock.now())));

      timers.ring(input.callId, deps.ringMs, () => endLater(input.callId, 'timeout'));
      io.to(rooms.user(input.to)).emit('call-made', {
        callId: input.callId,
        from: toPublicUser(caller),
        offer: input.offer,
        video: input.video,
      });
    },

    async answer(actor, input) {
      const call = await callFor(actor, input.callId);
      if (!isRingingCallee(call, actor)) throw noSuchCall();
      await takeAnswer({ io, registry, timers, clock }, call, actor, input.answer);
    },

    async relayCandidate(actor, input) {
      relayCandidate(io, await callFor(actor, input.callId), actor, input);
    },

    async renegotiate(actor, input) {
      relayRenegotiation(io, await callFor(actor, input.callId), actor, input);
    },

    async hangUp(actor, input) {
      const call = await callFor(actor, input.callId);
      if (isCallerSocket(call, actor) || isAnsweringSocket(call, actor)) return end(call.callId, 'hangup');
      // A ringing tab that "hangs up" is declining.
      if (isRingingCallee(call, actor)) return end(call.callId, 'rejected');
      throw noSuchCall();
    },

    async reject(actor, input) {
      const call = await callFor(actor, input.callId);
      if (!isRingingCallee(call, actor)) throw noSuchCall();
      await end(call.callId, 'rejected');
    },

    async socketLeft(actor, leave) {
      const call = await registry.callOf(actor.userId);
      // Only the call's own sockets matter: a callee tab that merely rang, or the caller's other tab, does not end it.
      if (!call || !(isCallerSocket(call, actor) || isAnsweringSocket(call, actor))) return;
      if (leave === 'intentional') return end(call.callId, 'disconnected');
      timers.grace(actor.socketId, deps.disconnectGraceMs, () => endLater(call.callId, 'disconnected'));
    },

    socketRecovered: (socketId) => timers.stopGrace(socketId),

    callOf: (userId) => registry.callOf(userId),

    async close() {
      timers.clear();
      await registry.close();
    },
  };
}
