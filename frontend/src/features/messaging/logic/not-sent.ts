import { MAX_MESSAGE_LENGTH } from '@telehealth/shared';
import { ApiError } from '../../../lib/api-client';
import { describeError } from '../../../lib/error-message';

/** What the thread says about a message the server refused, and whether pressing Retry could help. */
export interface Refusal {
  /** the reason in plain words, to follow "Not sent: " */
  reason: string;
  /** false when the same message would be refused again (not allowed, too long, not a photo) */
  retryable: boolean;
}

/** Failures that can pass by themselves: signing in again, a slow upload, the server or network briefly down. */
const RETRYABLE = new Set([
  'UNAUTHENTICATED',
  'REQUEST_TIMEOUT',
  'NETWORK_ERROR',
  'UNEXPECTED_RESPONSE',
  'RATE_LIMITED',
  'INTERNAL',
  'DATABASE_UNAVAILABLE',
]);

const lengthInWords = MAX_MESSAGE_LENGTH.toLocaleString('en');

/** The server's refusal of `entry` in words a patient understands (never a code or a list of MIME types). */
export function describeRefusal(error: unknown, entry: { text: string }): Refusal {
  if (!(error instanceof ApiError)) return { reason: 'something went wrong. Try again.', retryable: true };
  const retryable = RETRYABLE.has(error.code);
  if (error.code === 'VALIDATION_FAILED' && entry.text.length > MAX_MESSAGE_LENGTH)
    return { reason: `the message is longer than ${lengthInWords} characters. Shorten it and send it again.`, retryable };
  // The file's size comes in the server's words: they name the cap this deployment was given.
  if (error.code === 'FILE_TOO_LARGE') return { reason: asClause(error.message), retryable };
  return { reason: PLAIN_REASONS[error.code] ?? asClause(describeError(error)), retryable };
}

/** Refusals whose server sentence is written for developers ("Only these file types…", "Some fields…"). */
const PLAIN_REASONS: Partial<Record<string, string>> = {
  FORBIDDEN: 'you can no longer message this person here.',
  VALIDATION_FAILED: 'the server could not accept this message as it is.',
  UNSUPPORTED_FILE_TYPE: 'this file is not a photo or a PDF.',
  UNAUTHENTICATED: 'you were signed out. Sign in again, then press Retry.',
  REQUEST_TIMEOUT: 'the upload took too long. Check your connection, then press Retry.',
};

/** "The file is larger than 10 MB" → "the file is larger than 10 MB.", to follow "Not sent: ". */
function asClause(sentence: string): string {
  const clause = sentence.charAt(0).toLowerCase() + sentence.slice(1);
  return /[.!?]$/.test(clause) ? clause : `${clause}.`;
}
