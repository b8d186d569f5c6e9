import { z } from 'zod';
import { idCursorQuerySchema, objectIdSchema } from './common.js';
import type { ConsentAcceptance } from './consent.js';
import type { PublicUser } from './users.js';

export const URGENCIES = ['routine', 'urgent'] as const;
export type Urgency = (typeof URGENCIES)[number];

export const CONSULTATION_STATUSES = ['waiting', 'active', 'completed', 'cancelled'] as const;
export type ConsultationStatus = (typeof CONSULTATION_STATUSES)[number];

export interface Consultation {
  id: string;
  patient: PublicUser;
  doctor: PublicUser | null;
  /** The doctor the patient asked for, if any (null: anyone may take it). */
  requestedDoctorId: string | null;
  reason: string;
  urgency: Urgency;
  status: ConsultationStatus;
  /** 1-based place in the queue, present while waiting. */
  position?: number;
  /** Estimated wait in seconds, null while there is no history to estimate from. */
  estimatedWaitSeconds?: number | null;
  /**
   * Extension: present when a doctor was asked for; false while that doctor is away, so the
   * patient can be told their request waits for someone who is not taking patients right now.
   */
  requestedDoctorAvailable?: boolean;
  /** Whether the patient has an open socket right now (doctors' queue view). */
  patientOnline?: boolean;
  notes?: string;
  /** The consent the patient had accepted when they asked (issue 16); absent on older requests. */
  consent?: ConsentAcceptance;
  /** While waiting for a doctor named in the request: that doctor's word to their waiting room. */
  waitingNote?: WaitingNote;
  createdAt: string;
  acceptedAt?: string;
  completedAt?: string;
  cancelledAt?: string;
}

export const openConsultationSchema = z.strictObject({
  reason: z.string().trim().min(3, 'must be at least 3 characters').max(500),
  urgency: z.enum(URGENCIES).default('routine'),
  doctorId: objectIdSchema.optional(),
});
export type OpenConsultationInput = z.infer<typeof openConsultationSchema>;

export const completeConsultationSchema = z.strictObject({
  notes: z.string().trim().max(5000).optional(),
});
export type CompleteConsultationInput = z.infer<typeof completeConsultationSchema>;

/** `GET /api/consultations`: newest first; `cursor` is the last id of the previous page. */
export const consultationListQuerySchema = idCursorQuerySchema.extend({
  status: z.enum(CONSULTATION_STATUSES).optional(),
});
export type ConsultationListQuery = z.infer<typeof consultationListQuerySchema>;

export interface ConsultationAnswer {
  consultation: Consultation;
}

export interface ConsultationListAnswer {
  consultations: Consultation[];
  nextCursor: string | null;
}

/** `GET /api/consultations/queue` and the `queueUpdated` event. */
export interface QueueAnswer {
  consultations: Consultation[];
}

/** Extension: `GET /api/consultations/doctors-available`, doctors taking patients right now. */
export interface DoctorsAvailableAnswer {
  count: number;
}

/** The most a doctor's word to the waiting room may say. */
export const WAITING_NOTE_MAX = 200;

/** Extension: `PUT /api/consultations/waiting-note`; an empty text clears the note. */
export const waitingNoteSchema = z.strictObject({
  text: z.string().trim().max(WAITING_NOTE_MAX, `must be at most ${WAITING_NOTE_MAX} characters`),
});
export type WaitingNoteInput = z.infer<typeof waitingNoteSchema>;

/** A doctor's word to the patients waiting for them, and when they wrote it. */
export interface WaitingNote {
  text: string;
  at: string;
}

/** The `waitingNote` event: `text` is "" when the doctor cleared it or went away. */
export interface WaitingNoteEvent extends WaitingNote {
  doctorId: string;
}

/** Extension: the answer of `PUT /api/consultations/waiting-note`; null once cleared. */
export interface WaitingNoteAnswer {
  waitingNote: WaitingNote | null;
}
