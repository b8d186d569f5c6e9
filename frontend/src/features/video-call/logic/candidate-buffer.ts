/**
 * Every place an ICE candidate waits, because trickle ICE finds candidates before the other end
 * is ready for them. There are three such moments, and one queue for each, with one job:
 *
 * 1. `OutgoingCandidates` — our own candidates, held until the server has acknowledged the call
 *    (`call-user` / `answer-call`): it handles events concurrently, so a candidate sent earlier
 *    could reach it before it knows the call. Then what was held goes out, and the rest at once.
 * 2. `RingingCandidates` — the caller's candidates reaching a tab that rings: every callee tab gets
 *    them before anyone accepts (docs/calls.md), and there is no session to give them to yet. Kept
 *    per call id and bounded; taken into the session on Accept, dropped when it stops ringing here.
 * 3. `EarlyRemoteCandidates` — the other side's candidates inside a session (`CallSession`) that
 *    arrive before its remote description: `addIceCandidate` needs that first. Flushed right after
 *    `setRemoteDescription`.
 */

/** A real call trickles a few dozen candidates; beyond this it is a flood, not a call. */
export const MAX_CANDIDATES_PER_CALL = 200;
/** Calls ringing at once in one tab: one in practice; a stale id must not grow the map forever. */
const MAX_RINGING_CALLS = 4;

export interface OutgoingCandidates<T> {
  /** a new call: hold what comes until `release` */
  hold(): void;
  /** sends the candidate now, or holds it while the call is not acknowledged */
  add(candidate: T): void;
  /** the server knows the call: the held candidates go out in order, and later ones straight away */
  release(): void;
}

/** Queue 1: our candidates, given to `send` once the call is acknowledged. Holds from the start. */
export function createOutgoingCandidates<T>(send: (candidate: T) => void): OutgoingCandidates<T> {
  /** null once they go straight out */
  let held: T[] | null = [];
  return {
    hold() {
      held = [];
    },
    add(candidate) {
      if (held) held.push(candidate);
      else send(candidate);
    },
    release() {
      const waiting = held ?? [];
      held = null;
      for (const candidate of waiting) send(candidate);
    },
  };
}

export interface RingingCandidates<T> {
  add(callId: string, candidate: T): void;
  /** every candidate held for this call, in arrival order; the call's queue is emptied */
  take(callId: string): T[];
  /** forget this call's candidates (it stopped ringing here) */
  drop(callId: string): void;
  clear(): void;
}

/** Queue 2: the caller's candidates while a call rings here, per call id. */
export function createRingingCandidates<T>(): RingingCandidates<T> {
  const byCall = new Map<string, T[]>();
  return {
    add(callId, candidate) {
      let list = byCall.get(callId);
      if (!list) {
        if (byCall.size >= MAX_RINGING_CALLS) byCall.delete(byCall.keys().next().value!);
        list = [];
        byCall.set(callId, list);
      }
      if (list.length < MAX_CANDIDATES_PER_CALL) list.push(candidate);
    },
    take(callId) {
      const list = byCall.get(callId) ?? [];
      byCall.delete(callId);
      return list;
    },
    drop(callId) {
      byCall.delete(callId);
    },
    clear() {
      byCall.clear();
    },
  };
}

export interface EarlyRemoteCandidates<T> {
  add(candidate: T): void;
  /** everything held, in arrival order; the queue is emptied */
  takeAll(): T[];
}

/** Queue 3: the other side's candidates inside one session, until its remote description is set. */
export function createEarlyRemoteCandidates<T>(): EarlyRemoteCandidates<T> {
  let held: T[] = [];
  return {
    add(candidate) {
      if (held.length < MAX_CANDIDATES_PER_CALL) held.push(candidate);
    },
    takeAll() {
      const all = held;
      held = [];
      return all;
    },
  };
}
