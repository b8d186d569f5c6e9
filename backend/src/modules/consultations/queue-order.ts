import { mayTakeConsultation } from '@telehealth/shared';

/**
 * The queue's rules as plain functions: who goes first, who may take whom, where each patient
 * stands and how long they may wait. No database, no sockets: `queue-order.test.ts` covers them.
 */

/** The least the ordering needs to know about a waiting consultation. */
export interface QueueEntry {
  id: string;
  /** 0 for urgent, 1 for routine */
  urgencyRank: number;
  createdAt: Date;
  requestedDoctorId: string | null;
}

/** Urgent first, then oldest; the id breaks ties so the order is total and the same everywhere. */
export function compareQueueOrder(a: QueueEntry, b: QueueEntry): number {
  return (
    a.urgencyRank - b.urgencyRank || a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/** A doctor may take a request that names nobody, or names them (the shared `mayTakeConsultation`). */
export const mayTake: (entry: Pick<QueueEntry, 'requestedDoctorId'>, doctorId: string) => boolean = mayTakeConsultation;

/**
 * Each waiting consultation's 1-based position in the global waiting order.
 *
 * Positions are global on purpose: a patient who asked for a particular doctor and one who asked
 * for anyone stand in the same line, so the number a patient sees is the one a doctor sees beside
 * their name, and it only ever goes down while they wait (nobody can overtake except an urgent
 * request, which is the point of urgency).
 */
export function positionsOf(entries: readonly QueueEntry[]): Map<string, number> {
  const ordered = [...entries].sort(compareQueueOrder);
  return new Map(ordered.map((entry, index) => [entry.id, index + 1]));
}

/** A doctor's own view of the queue: the global order, keeping what this doctor may take. */
export function queueFor<T extends Pick<QueueEntry, 'requestedDoctorId'>>(ordered: readonly T[], doctorId: string): T[] {
  return ordered.filter((entry) => mayTake(entry, doctorId));
}

/** The median of some numbers, or null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** How many recent consultations the typical length is taken from. */
export const RECENT_CONSULTATIONS_FOR_ESTIMATE = 50;

/**
 * Estimated wait: position × the typical (median) consultation length, in whole seconds; null
 * while no consultation has been completed yet. Deliberately simple and pessimistic (it assumes
 * one doctor works through the line): a patient told "about 20 minutes" who is seen in 10 is
 * happier than the reverse.
 */
export function estimateWaitSeconds(position: number, medianLengthSeconds: number | null): number | null {
  if (medianLengthSeconds === null) return null;
  return Math.round(position * medianLengthSeconds);
}
