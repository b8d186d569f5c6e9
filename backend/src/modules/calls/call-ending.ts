import type { CallEndReason } from '@telehealth/shared';
import type { Clock } from '../../lib/clock.js';
import type { Logger } from '../../lib/logger.js';
import { rooms, type RealtimeServer } from '../../realtime/types.js';
import type { CallRegistry, LiveCall } from './call-registry.js';
import type { CallRecord } from './call.service.js';

/** What a call that ends leaves in the thread: its length if answered, else missed or rejected. */
export function outcomeOf(call: LiveCall, reason: CallEndReason, now: number): CallRecord {
  const { callId, callerId, calleeId } = call;
  if (call.answeredAt !== null) {
    const durationSeconds = Math.max(0, Math.round((now - call.answeredAt) / 1000));
    return { callId, callerId, calleeId, outcome: 'completed', durationSeconds };
  }
  return { callId, callerId, calleeId, outcome: reason === 'rejected' ? 'rejected' : 'missed', durationSeconds: 0 };
}

/**
 * The timers a live call has: the ring timeout (by call id) and, for a socket that dropped
 * without a goodbye, its grace period (by socket id). Real timers: the fake clock in tests only
 * moves durations.
 */
export function createCallTimers() {
  const ringTimers = new Map<string, NodeJS.Timeout>();
  const graceTimers = new Map<string, NodeJS.Timeout>();
  const start = (timers: Map<string, NodeJS.Timeout>, key: string, ms: number, then: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(key);
      then();
    }, ms);
    timer.unref();
    timers.set(key, timer);
  };
  const stop = (timers: Map<string, NodeJS.Timeout>, key: string) => {
    clearTimeout(timers.get(key));
    timers.delete(key);
  };
  return {
    ring: (callId: string, ms: number, then: () => void) => start(ringTimers, callId, ms, then),
    stopRing: (callId: string) => stop(ringTimers, callId),
    grace: (socketId: string, ms: number, then: () => void) => start(graceTimers, socketId, ms, then),
    stopGrace: (socketId: string) => stop(graceTimers, socketId),
    clear(): void {
      for (const timer of [...ringTimers.values(), ...graceTimers.values()]) clearTimeout(timer);
      ringTimers.clear();
      graceTimers.clear();
    },
  };
}

export type CallTimers = ReturnType<typeof createCallTimers>;

export interface CallEndingDeps {
  io: RealtimeServer;
  clock: Clock;
  logger: Logger;
  registry: CallRegistry;
  timers: CallTimers;
  recordCall: (record: CallRecord) => Promise<unknown>;
}

/** The one way a call ends, for every path that ends one (hang-up, reject, ring timeout, a socket lost). */
export function createCallEnding(deps: CallEndingDeps) {
  const { io, logger, registry, timers } = deps;

  /** Removed from the registry (so twice is a no-op), both parties told, timers cleared, and its message written. */
  async function end(callId: string, reason: CallEndReason): Promise<void> {
    // A ring timeout only ends a call that is still ringing, even if an answer raced it on another instance.
    const call = await registry.remove(callId, reason === 'timeout' ? 'ringing' : undefined);
    if (!call) return;
    timers.stopRing(callId);
    for (const socketId of [call.callerSocketId, call.calleeSocketId]) if (socketId !== null) timers.stopGrace(socketId);
    // While ringing every callee tab rings, so every one of them must stop.
    const callee = call.calleeSocketId ?? rooms.user(call.calleeId);
    io.to([call.callerSocketId, callee]).emit('call-ended', { callId, reason });

    const record = outcomeOf(call, reason, deps.clock.now());
    logger.info({ callId, reason, outcome: record.outcome, durationSeconds: record.durationSeconds }, 'call ended');
    // The call is over whatever happens to its message: the hang-up ack does not wait for the
    // database, and a hiccup there is logged, not thrown.
    deps.recordCall(record).catch((error: unknown) => logger.error({ err: error, callId }, 'recording the call failed'));
  }

  return {
    end,
    /** Ends a call from a timer, where nobody awaits the result. */
    endLater: (callId: string, reason: CallEndReason): void => {
      end(callId, reason).catch((error: unknown) => logger.error({ err: error, callId }, 'ending the call failed'));
    },
  };
}

export type CallEnding = ReturnType<typeof createCallEnding>;
