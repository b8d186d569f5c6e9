/** A call rings until the callee answers on one of their tabs; then it is active until it ends. */
export type LiveCallState = 'ringing' | 'active';

/** A call in progress. Ended calls are removed: their trace is the `kind: 'call'` message. */
export interface LiveCall {
  callId: string;
  callerId: string;
  calleeId: string;
  video: boolean;
  state: LiveCallState;
  /** ms since the epoch (from `context.clock`) */
  startedAt: number;
  answeredAt: number | null;
  /** the one caller tab that placed the call: answers and ICE go there, not to the caller's other tabs */
  callerSocketId: string;
  /** the callee tab that answered; null while ringing (every callee tab rings) */
  calleeSocketId: string | null;
}

export type StartResult = { started: true } | { started: false; reason: 'busy' | 'duplicate-id' };

/**
 * The live calls. The in-process registry serves one instance; a Redis-backed one implements the
 * same interface (with `tryStart` and `markAnswered` as atomic scripts) when several instances run.
 * Every method is async for that reason.
 */
export interface CallRegistry {
  /** Stores a new ringing call unless either party is already in a call: check and insert in one step. */
  tryStart(call: LiveCall): Promise<StartResult>;
  get(callId: string): Promise<LiveCall | undefined>;
  /** The call this user is in (as caller or callee), if any: a user is in at most one. */
  callOf(userId: string): Promise<LiveCall | undefined>;
  /**
   * Ringing → active, answered by this callee socket. Undefined when the call is no longer ringing,
   * so of two tabs answering at once exactly one wins.
   */
  markAnswered(callId: string, calleeSocketId: string, answeredAt: number): Promise<LiveCall | undefined>;
  /**
   * Removes the call and returns it; undefined if it was already gone (so a call ends exactly once),
   * or if `onlyIf` is given and the call is no longer in that state (a ring timeout racing an answer).
   */
  remove(callId: string, onlyIf?: LiveCallState): Promise<LiveCall | undefined>;
  close(): Promise<void>;
}

export function createLocalCallRegistry(): CallRegistry {
  const calls = new Map<string, LiveCall>();
  const callIdByUser = new Map<string, string>();

  return {
    async tryStart(call) {
      if (calls.has(call.callId)) return { started: false, reason: 'duplicate-id' };
      if (callIdByUser.has(call.callerId) || callIdByUser.has(call.calleeId)) return { started: false, reason: 'busy' };
      calls.set(call.callId, { ...call });
      callIdByUser.set(call.callerId, call.callId);
      callIdByUser.set(call.calleeId, call.callId);
      return { started: true };
    },
    async get(callId) {
      const call = calls.get(callId);
      return call ? { ...call } : undefined;
    },
    async callOf(userId) {
      const callId = callIdByUser.get(userId);
      const call = callId === undefined ? undefined : calls.get(callId);
      return call ? { ...call } : undefined;
    },
    async markAnswered(callId, calleeSocketId, answeredAt) {
      const call = calls.get(callId);
      if (call?.state !== 'ringing') return undefined;
      call.state = 'active';
      call.calleeSocketId = calleeSocketId;
      call.answeredAt = answeredAt;
      return { ...call };
    },
    async remove(callId, onlyIf) {
      const call = calls.get(callId);
      if (!call || (onlyIf !== undefined && call.state !== onlyIf)) return undefined;
      calls.delete(callId);
      callIdByUser.delete(call.callerId);
      callIdByUser.delete(call.calleeId);
      return call;
    },
    async close() {
      calls.clear();
      callIdByUser.clear();
    },
  };
}
