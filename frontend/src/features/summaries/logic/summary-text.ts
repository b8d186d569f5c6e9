import type { CallOutcome, ConsultationSummary, Urgency } from '@telehealth/shared';
import { ApiError } from '../../../lib/api-client';
import { describeError } from '../../../lib/error-message';
import { formatClockDuration, minutesInWords } from '../../../lib/format-duration';

const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** "12 Mar 2025, 14:05" in the reader's locale: a summary is read (and printed) as a record, so the date always shows. */
export function formatDateTime(iso: string): string {
  return dateTimeFormat.format(new Date(iso));
}

export const URGENCY_LABELS: Record<Urgency, string> = { routine: 'Routine', urgent: 'Urgent' };

/** A visit's waiting or consultation time: "12 min", "1 h 5 min"; one still going is "… so far". */
export function spanLabel(seconds: number, soFar: boolean): string {
  return soFar ? `${minutesInWords(seconds)} so far` : minutesInWords(seconds);
}

/** A call as the summary lists it: "Video call · 4:12" (how long it lasted), "Missed call", "Declined call". */
export function callLabel(call: { outcome: CallOutcome; durationSeconds: number }): string {
  switch (call.outcome) {
    case 'completed':
      return `Video call · ${formatClockDuration(call.durationSeconds)}`;
    case 'missed':
      return 'Missed call';
    case 'rejected':
      return 'Declined call';
  }
}

/** "2.4 MB", "312 KB", "80 B". */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** The one of the two people who is not the reader: "Back to the conversation" leads to them. */
export function otherPersonId(summary: Pick<ConsultationSummary, 'patient' | 'doctor'>, viewerId: string): string {
  return summary.patient.id === viewerId ? summary.doctor.id : summary.patient.id;
}

/** Who shared a file, by name; the server lists only the two people's files. */
export function senderName(summary: Pick<ConsultationSummary, 'patient' | 'doctor'>, senderId: string): string {
  return senderId === summary.doctor.id ? summary.doctor.name : summary.patient.name;
}

/**
 * Why a summary cannot be shown, in words: 404 is what the server answers anyone but the visit's
 * two people (it does not say whether the visit exists), 409 a request no doctor took or one cancelled.
 */
export function summaryErrorMessage(error: unknown): string {
  if (error instanceof ApiError && error.status === 404) return 'This summary is not available to you.';
  if (error instanceof ApiError && error.status === 409)
    return 'This consultation has no summary: no doctor took it, or it was cancelled.';
  return describeError(error);
}

/** Worth offering "Try again": a 404 or 409 will answer the same however often it is asked. */
export function mayRetry(error: unknown): boolean {
  return !(error instanceof ApiError && (error.status === 404 || error.status === 409));
}
