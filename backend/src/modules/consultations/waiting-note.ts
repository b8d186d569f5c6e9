import type { WaitingNote, WaitingNoteEvent } from '@telehealth/shared';
import { errors } from '../../lib/app-error.js';
import type { Clock } from '../../lib/clock.js';
import { rooms, type RealtimeServer } from '../../realtime/types.js';
import { readPublicUser, writeWaitingNote } from '../users/index.js';
import type { ConsultationSync } from './consultation-sync.js';
import type { WaitingLine, WaitingLineSnapshot } from './waiting-line.js';

export interface WaitingNoteDeps {
  clock: Clock;
  io: RealtimeServer;
  line: WaitingLine;
  sync: ConsultationSync;
}

/*
 * "The patients waiting for a doctor" are those whose waiting request names that doctor. A request
 * naming nobody hears no doctor's note: any of them may take it, and one doctor's "running twenty
 * minutes late" would mislead a patient another doctor is about to see.
 */

/** Sends the note to every patient whose waiting request names its doctor, on any instance. */
export function tellWaitingRoom(io: RealtimeServer, snapshot: WaitingLineSnapshot, note: WaitingNoteEvent): void {
  const patients = snapshot.ordered
    .filter((entry) => entry.requestedDoctorId === note.doctorId)
    .map(({ record }) => rooms.user(record.patientId.toString()));
  if (patients.length > 0) io.to(patients).emit('waitingNote', note);
}

/**
 * A doctor's word to their waiting room, stored on their account (so every instance and every
 * reload shows it, through the line's copy of the doctor) and sent live; "" clears it. Only a
 * doctor taking patients may leave one: going away clears it.
 */
export async function setWaitingNote(deps: WaitingNoteDeps, doctorId: string, text: string): Promise<WaitingNote | null> {
  const note = text === '' ? null : { text, at: new Date(deps.clock.now()) };
  if (note && !(await readPublicUser(doctorId))?.available)
    throw errors.conflict('You are marked away: set yourself available before writing to your waiting room');
  await writeWaitingNote(doctorId, note);
  // The line holds the doctor as they were: re-read them here and on the other instances.
  await deps.line.refreshUser(doctorId);
  deps.sync.doctorChanged(doctorId);
  const at = (note?.at ?? new Date(deps.clock.now())).toISOString();
  tellWaitingRoom(deps.io, await deps.line.snapshot(), { doctorId, text: note?.text ?? '', at });
  return note ? { text: note.text, at } : null;
}
