import type { Consultation, ConsultationSummary, Message } from '@telehealth/shared';
import { errors } from '../../lib/app-error.js';
import type { Clock } from '../../lib/clock.js';
import type { Viewer } from '../../lib/viewer.js';
import type { ConsultationService } from '../consultations/index.js';
import type { ConsultationSpan, MessageService } from '../messages/index.js';

/** What a summary is read from: each module through its own service, so neither reads the other's data. */
export interface SummaryDeps {
  clock: Clock;
  consultations: Pick<ConsultationService, 'get'>;
  messages: Pick<MessageService, 'consultationWindow'>;
}

const secondsBetween = (from: string, to: number) => Math.max(0, Math.round((to - Date.parse(from)) / 1000));

/** The instructions, calls and files among a consultation's messages. */
function whatHappened(messages: readonly Message[]): Pick<ConsultationSummary, 'instructions' | 'calls' | 'files'> {
  const shown = messages.filter((message) => !message.deleted);
  return {
    instructions: shown.flatMap((message) =>
      message.instructions
        ? [
            {
              messageId: message.id,
              text: message.text,
              sentAt: message.createdAt,
              confirmedAt: message.instructions.confirmedAt,
            },
          ]
        : [],
    ),
    calls: shown.flatMap((message) =>
      message.call
        ? [
            {
              messageId: message.id,
              outcome: message.call.outcome,
              durationSeconds: message.call.durationSeconds,
              at: message.createdAt,
            },
          ]
        : [],
    ),
    files: shown.flatMap(({ id, senderId, attachment, createdAt }) =>
      attachment
        ? [
            {
              messageId: id,
              senderId,
              name: attachment.name,
              size: attachment.size,
              mimeType: attachment.mimeType,
              url: attachment.url,
              at: createdAt,
            },
          ]
        : [],
    ),
  };
}

/**
 * A consultation's summary, for its patient and its doctor: `consultations.get` asks
 * `canViewConsultation` (shared/src/policies/resources.ts) and answers 404 to anyone else. One no
 * doctor has taken yet (or cancelled) has nothing to sum up: 409. One in progress is summed up so far.
 */
export async function consultationSummary(deps: SummaryDeps, viewer: Viewer, id: string): Promise<ConsultationSummary> {
  const consultation: Consultation = await deps.consultations.get(viewer, id);
  const { doctor, acceptedAt, status } = consultation;
  if ((status !== 'active' && status !== 'completed') || !doctor || !acceptedAt)
    throw errors.conflict('Only a consultation a doctor has taken has a summary');
  const completedAt = status === 'completed' ? (consultation.completedAt ?? null) : null;
  const span: ConsultationSpan = {
    consultationId: consultation.id,
    patientId: consultation.patient.id,
    doctorId: doctor.id,
    acceptedAt: new Date(acceptedAt),
    completedAt: completedAt ? new Date(completedAt) : null,
  };
  const messages = await deps.messages.consultationWindow(span);
  return {
    consultationId: consultation.id,
    status,
    reason: consultation.reason,
    urgency: consultation.urgency,
    patient: consultation.patient,
    doctor,
    requestedAt: consultation.createdAt,
    acceptedAt,
    completedAt,
    waitingSeconds: secondsBetween(consultation.createdAt, Date.parse(acceptedAt)),
    consultationSeconds: secondsBetween(acceptedAt, completedAt ? Date.parse(completedAt) : deps.clock.now()),
    notes: consultation.notes ?? '',
    ...whatHappened(messages),
  };
}
