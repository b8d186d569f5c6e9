import type { Role } from '../roles.js';

/*
 * Who may see which thing. `canSee`, `canMessage` and `canCall` (../policies.ts) say who may see or
 * reach whom; these say who may see a resource (a consultation, a message, a call, a file) and
 * which rooms a user's presence goes to, so every query, room and check on the server is derived
 * from the same rules the browser can read.
 */

/** The least a consultation rule needs to know about one. */
export interface ConsultationParties {
  patientId: string;
  doctorId: string | null;
  requestedDoctorId: string | null;
  status: 'waiting' | 'active' | 'completed' | 'cancelled';
}

/** A waiting request is for any doctor, unless the patient asked for one by name. */
export function mayTakeConsultation(consultation: Pick<ConsultationParties, 'requestedDoctorId'>, doctorId: string): boolean {
  return consultation.requestedDoctorId === null || consultation.requestedDoctorId === doctorId;
}

/**
 * A consultation is for its patient, its doctor, and, while it waits, the doctors who may take
 * it. Admins manage accounts, not care: they never read one.
 */
export function canViewConsultation(viewer: { id: string; role: Role }, consultation: ConsultationParties): boolean {
  if (viewer.role === 'patient') return consultation.patientId === viewer.id;
  if (viewer.role !== 'doctor') return false;
  if (consultation.doctorId === viewer.id) return true;
  return consultation.status === 'waiting' && mayTakeConsultation(consultation, viewer.id);
}

/** A message or a call is for the two people in it; anyone else learns nothing, not even that it exists. */
export function takesPart(userId: string, parties: readonly string[]): boolean {
  return parties.includes(userId);
}

/** What a file rule needs to know about a file. */
export interface FileParties {
  purpose: 'attachment' | 'avatar';
  /** an attachment's conversation: its two people */
  participants: readonly string[];
}

/**
 * An attachment is for the two people in its conversation; an avatar for whoever may see its
 * owner's profile (`canSee`, which the caller has asked: `ownerVisible`).
 */
export function canDownload(viewerId: string, file: FileParties, ownerVisible: boolean): boolean {
  return file.purpose === 'attachment' ? takesPart(viewerId, file.participants) : ownerVisible;
}
