import { z } from 'zod';
import { idCursorQuerySchema, objectIdSchema } from './common.js';
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
