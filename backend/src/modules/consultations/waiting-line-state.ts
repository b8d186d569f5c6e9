import mongoose from 'mongoose';
import { readPublicUsers as readUsers, type PublicUserRecord } from '../users/index.js';
import { ConsultationModel, type ConsultationRecord } from './consultation.model.js';
import { compareQueueOrder, median, positionsOf, RECENT_CONSULTATIONS_FOR_ESTIMATE, type QueueEntry } from './queue-order.js';

/*
 * The waiting line's reads and the snapshot made from them, as plain functions; waiting-line.ts
 * holds the state and decides when to read (the why is at its top).
 */

/** A waiting consultation in the line, with what the ordering rules read from it. */
export interface LineEntry extends QueueEntry {
  record: ConsultationRecord;
}

/** The waiting line at one moment: what positions, estimates and the queue views are made from. */
export interface WaitingLineSnapshot {
  /** every waiting consultation, in queue order */
  ordered: readonly LineEntry[];
  positions: ReadonlyMap<string, number>;
  medianLengthSeconds: number | null;
  /** the patients and the requested doctors of the waiting consultations, by id */
  users: ReadonlyMap<string, PublicUserRecord>;
  /** the waiting patients' ids (presence asks on every connection) */
  patients: ReadonlySet<string>;
}

export interface Completion {
  id: string;
  completedAt: number;
  lengthSeconds: number;
}

export interface LineState {
  waiting: Map<string, ConsultationRecord>;
  /** the most recent completions, newest first, at most RECENT_CONSULTATIONS_FOR_ESTIMATE */
  recent: Completion[];
  users: Map<string, PublicUserRecord>;
}

// The line's users are read through the users module (users/user-reads.ts: by `_id`, one index
// lookup each): a second query rather than `$lookup`, which FerretDB does not have.

export function completionOf(record: Pick<ConsultationRecord, '_id' | 'acceptedAt' | 'completedAt'>): Completion | null {
  const { acceptedAt, completedAt } = record;
  if (!acceptedAt || !completedAt) return null;
  return {
    id: record._id.toString(),
    completedAt: completedAt.getTime(),
    lengthSeconds: (completedAt.getTime() - acceptedAt.getTime()) / 1000,
  };
}

/** The users a waiting consultation shows: its patient and the doctor it asks for. */
export function usersOf(record: ConsultationRecord): string[] {
  return [record.patientId.toString(), ...(record.requestedDoctorId ? [record.requestedDoctorId.toString()] : [])];
}

/** Everything that can change what the line shows, as one string to compare two reads by. */
export function fingerprint(state: LineState): string {
  const waiting = [...state.waiting.values()].sort((a, b) => (a._id.toString() < b._id.toString() ? -1 : 1));
  const users = [...new Set(waiting.flatMap(usersOf))].sort().map((id) => state.users.get(id) ?? null);
  return JSON.stringify([waiting, state.recent, users]);
}

/** Reads the whole line: the waiting consultations, the recent completions, and their users by `_id`. */
export async function readLine(): Promise<LineState> {
  const [waiting, recent] = await Promise.all([
    ConsultationModel.find({ status: 'waiting' }).lean(),
    ConsultationModel.find(
      { status: 'completed', acceptedAt: mongoose.trusted({ $ne: null }) },
      { acceptedAt: 1, completedAt: 1 },
    )
      .sort({ completedAt: -1 })
      .limit(RECENT_CONSULTATIONS_FOR_ESTIMATE)
      .lean(),
  ]);
  return {
    waiting: new Map(waiting.map((record) => [record._id.toString(), record])),
    recent: recent.flatMap((record) => completionOf(record) ?? []),
    users: await readUsers(waiting.flatMap(usersOf)),
  };
}

/** The snapshot a state shows: queue order, positions, the typical length. */
export function build(current: LineState): WaitingLineSnapshot {
  const ordered: LineEntry[] = [...current.waiting.values()]
    .map((record) => ({
      record,
      id: record._id.toString(),
      urgencyRank: record.urgencyRank,
      createdAt: record.createdAt,
      requestedDoctorId: record.requestedDoctorId?.toString() ?? null,
    }))
    .sort(compareQueueOrder);
  return {
    ordered,
    positions: positionsOf(ordered),
    medianLengthSeconds: median(current.recent.map((completion) => completion.lengthSeconds)),
    users: current.users,
    patients: new Set(ordered.map(({ record }) => record.patientId.toString())),
  };
}
