import {
  canCall,
  type AnswerCallInput,
  type CallEndReason,
  type CallIdInput,
  type CallOutcome,
  type CallUserInput,
  type IceCandidateInput,
  type RenegotiateCallInput,
  type Role,
} from '@telehealth/shared';
import mongoose, { Types } from 'mongoose';
import type { Clock } from '../../lib/clock.js';
import type { Logger } from '../../lib/logger.js';
import type { PresenceRegistry } from '../../realtime/presence-registry.js';
import { rooms, type RealtimeServer } from '../../realtime/types.js';
import { SocketError } from '../../realtime/with-ack.js';
import { relationBetween } from '../consultations/relations.js';
import { PUBLIC_USER_FIELDS, toPublicUser, UserModel } from '../users/user.model.js';
import { createLocalCallRegistry, type CallRegistry, type LiveCall } from './call-registry.js';

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

const noSuchCall = () => new SocketError('NO_SUCH_CALL', 'There is no such call');

/**
 * Call signalling: the server checks who may call whom, keeps the live calls, and relays SDP and
 * ICE between exactly the two sockets in a call. Media never passes through it (peer to peer).
 */
export function createCallService(deps: CallServiceDeps): CallService {
  const { io, presence, clock, logger } = deps;
  const registry = deps.registry ?? createLocalCallRegistry();
  const ringTimers = new Map<string, NodeJS.Timeout>();
  /** socket id → the grace timer that ends its call unless the socket is recovered */
  const graceTimers = new Map<string, NodeJS.Timeout>();

  async function loadParties(callerId: string, calleeId: string) {
    if (!Types.ObjectId.isValid(calleeId)) return {};
    const users = await UserModel.find({ _id: mongoose.trusted({ $in: [callerId, calleeId].map((id) => new Types.ObjectId(id)) }) })
      .select(PUBLIC_USER_FIELDS)
      .lean();
    return {
      caller: users.find((user) => user._id.toString() === callerId),
      callee: users.find((user) => user._id.toString() === calleeId),
    };
  }

  function outcomeOf(call: LiveCall, reason: CallEndReason): CallRecord {
    const { callId, callerId, calleeId } = call;
    if (call.answeredAt !== null) {
      const durationSeconds = Math.max(0, Math.round((clock.now() - call.answeredAt) / 1000));
      return { callId, callerId, calleeId, outcome: 'completed', durationSeconds };
    }
    return { callId, callerId, calleeId, outcome: reason === 'rejected' ? 'rejected' : 'missed', durationSeconds: 0 };
  }

  /**
   * The one way a call ends: removed from the registry (so twice is a no-op), both parties told,
   * timers cleared, and its message written.
   */
  async function end(callId: string, reason: CallEndReason): Promise<void> {
    // A ring timeout only ends a call that is still ringing, even if an answer raced it on another instance.
    const call = await registry.remove(callId, reason === 'timeout' ? 'ringing' : undefined);
    if (!call) return;
    clearTimeout(ringTimers.get(callId));
    ringTimers.delete(callId);
    for (const socketId of [call.callerSocketId, call.calleeSocketId]) {
      if (socketId === null) continue;
      clearTimeout(graceTimers.get(socketId));
      graceTimers.delete(socketId);
    }
    // While ringing every callee tab rings, so every one of them must stop.
    const callee = call.calleeSocketId ?? rooms.user(call.calleeId);
    io.to([call.callerSocketId, callee]).emit('call-ended', { callId, reason });

    const record = outcomeOf(call, reason);
    logger.info({ callId, reason, outcome: record.outcome, durationSeconds: record.durationSeconds }, 'call ended');
    // The call is over whatever happens to its message: the hang-up ack does not wait for the
    // database, and a hiccup there is logged, not thrown.
    deps.recordCall(record).catch((error: unknown) => logger.error({ err: error, callId }, 'recording the call failed'));
  }

  /** Ends a call from a timer, where nobody awaits the result. */
  function endLater(callId: string, reason: CallEndReason): void {
    end(callId, reason).catch((error: unknown) => logger.error({ err: error, callId }, 'ending the call failed'));
  }

  /** The call, if this actor takes part in it at all; a third user learns nothing (NO_SUCH_CALL). */
  async function callFor(actor: CallActor, callId: string): Promise<LiveCall> {
    const call = await registry.get(callId);
    if (!call || (call.callerId !== actor.userId && call.calleeId !== actor.userId)) throw noSuchCall();
    return call;
  }

  const isCallerSocket = (call: LiveCall, actor: CallActor) => call.callerId === actor.userId && call.callerSocketId === actor.socketId;
  const isAnsweringSocket = (call: LiveCall, actor: CallActor) => call.calleeId === actor.userId && call.calleeSocketId === actor.socketId;
  const isRingingCallee = (call: LiveCall, actor: CallActor) => call.calleeId === actor.userId && call.state === 'ringing';

  return {
    async startCall(actor, input) {
      // The order matters: only someone allowed to call may learn whether the callee is online or busy.
      if (input.to === actor.userId) throw new SocketError('FORBIDDEN', 'You cannot call yourself');
      const { caller, callee } = await loadParties(actor.userId, input.to);
      if (!caller || !callee) throw new SocketError('FORBIDDEN', 'You cannot call this person');
      const relation = await relationBetween(actor.userId, input.to);
      const party = (user: typeof caller) => ({ id: user._id.toString(), role: user.role, active: user.active });
      if (!canCall(party(caller), party(callee), relation)) throw new SocketError('FORBIDDEN', 'You cannot call this person');
      if (!(await presence.isOnline(input.to))) throw new SocketError('OFFLINE', 'They are not online');

      const started = await registry.tryStart({
        callId: input.callId,
        callerId: actor.userId,
        calleeId: input.to,
        video: input.video,
        state: 'ringing',
        startedAt: clock.now(),
        answeredAt: null,
        callerSocketId: actor.socketId,
        calleeSocketId: null,
      });
      if (!started.started) {
        if (started.reason === 'duplicate-id') throw new SocketError('VALIDATION_FAILED', 'This call id is already in use');
        throw new SocketError('BUSY', 'One of you is already in a call');
      }

      // Ring timeout and grace use real timers (the fake clock in tests only moves durations).
      const timer = setTimeout(() => endLater(input.callId, 'timeout'), deps.ringMs);
      timer.unref();
      ringTimers.set(input.callId, timer);
      io.to(rooms.user(input.to)).emit('call-made', { callId: input.callId, from: toPublicUser(caller), offer: input.offer, video: input.video });
    },

    async answer(actor, input) {
      const call = await callFor(actor, input.callId);
      if (!isRingingCallee(call, actor)) throw noSuchCall();
      const answered = await registry.markAnswered(call.callId, actor.socketId, clock.now());
      // Another tab answered a moment earlier: for this one the call is gone.
      if (!answered) throw noSuchCall();
      clearTimeout(ringTimers.get(call.callId));
      ringTimers.delete(call.callId);
      io.to(call.callerSocketId).emit('call-answered', { callId: call.callId, answer: input.answer });
      io.to(rooms.user(call.calleeId)).except(actor.socketId).emit('call-ended', { callId: call.callId, reason: 'hangup', answeredElsewhere: true });
    },

    async relayCandidate(actor, input) {
      const call = await callFor(actor, input.callId);
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
    },

    async renegotiate(actor, input) {
      const call = await callFor(actor, input.callId);
      const relay = { callId: call.callId, description: input.description };
      if (isCallerSocket(call, actor) && call.calleeSocketId !== null) io.to(call.calleeSocketId).emit('call-renegotiate', relay);
      else if (isAnsweringSocket(call, actor)) io.to(call.callerSocketId).emit('call-renegotiate', relay);
      else throw noSuchCall();
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
      const timer = setTimeout(() => {
        graceTimers.delete(actor.socketId);
        endLater(call.callId, 'disconnected');
      }, deps.disconnectGraceMs);
      timer.unref();
      graceTimers.set(actor.socketId, timer);
    },

    socketRecovered(socketId) {
      clearTimeout(graceTimers.get(socketId));
      graceTimers.delete(socketId);
    },

    callOf: (userId) => registry.callOf(userId),

    async close() {
      for (const timer of [...ringTimers.values(), ...graceTimers.values()]) clearTimeout(timer);
      ringTimers.clear();
      graceTimers.clear();
      await registry.close();
    },
  };
}
