import type { Message, Role } from '@telehealth/shared';
import { localDayKey } from './days';

/**
 * How instructions stand, seen by one of the two: the patient still has to confirm them, the
 * doctor waits for that, or they were understood. Null for any other message (or a deleted one).
 */
export type InstructionsView = 'to-confirm' | 'waiting' | 'understood';

export function instructionsView(message: Message, myId: string): InstructionsView | null {
  if (!message.instructions || message.deleted) return null;
  if (message.instructions.confirmedAt !== null) return 'understood';
  return message.receiverId === myId ? 'to-confirm' : 'waiting';
}

/**
 * Whether the composer offers "Send as instructions": only in a thread with a patient. Such a
 * thread is always a doctor's, since patients write to doctors only (`canMessage` in shared/) and
 * admins take no part; the server checks both roles again (403 otherwise).
 */
export function offersInstructions(partnerRole: Role | null | undefined): boolean {
  return partnerRole === 'patient';
}

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dayAndTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** When they were understood, after "Understood": "at 10:42", or "on 3 Jan 2025, 10:42" when not the day they were sent. */
export function understoodWhen(confirmedAt: string, sentAt: string): string {
  const confirmed = new Date(confirmedAt);
  return localDayKey(confirmedAt) === localDayKey(sentAt)
    ? `at ${timeFormat.format(confirmed)}`
    : `on ${dayAndTimeFormat.format(confirmed)}`;
}
