/**
 * ICE candidates that arrive before they can be used: the caller's candidates reach every ringing
 * tab before anyone accepts (docs/calls.md), and `addIceCandidate` needs the remote description
 * first. Kept per call id, bounded, and dropped when that call stops ringing.
 */
export interface CandidateBuffer<T> {
  add(callId: string, candidate: T): void;
  /** every candidate held for this call, in arrival order; the call's buffer is emptied */
  take(callId: string): T[];
  /** forget this call's candidates (it stopped ringing here) */
  drop(callId: string): void;
  clear(): void;
}

/** A real call trickles a few dozen candidates; beyond this it is a flood, not a call. */
export const MAX_CANDIDATES_PER_CALL = 200;
/** Calls ringing at once in one tab: one in practice; a stale id must not grow the map forever. */
const MAX_CALLS = 4;

export function createCandidateBuffer<T>(): CandidateBuffer<T> {
  const byCall = new Map<string, T[]>();
  return {
    add(callId, candidate) {
      let list = byCall.get(callId);
      if (!list) {
        if (byCall.size >= MAX_CALLS) byCall.delete(byCall.keys().next().value!);
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
