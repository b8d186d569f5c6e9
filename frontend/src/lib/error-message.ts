import { ApiError } from './api-client';

function inWords(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/** A sentence a person can act on, for any failure a request can end with. */
export function describeError(error: unknown): string {
  if (!(error instanceof ApiError)) return 'Something went wrong. Please try again.';
  if (error.code === 'RATE_LIMITED') {
    return error.retryAfterSeconds === null
      ? 'Too many attempts. Please wait a while and try again.'
      : `Too many attempts. Please try again in ${inWords(error.retryAfterSeconds)}.`;
  }
  if (error.code === 'DATABASE_UNAVAILABLE') return 'The service is briefly unavailable. Please try again in a moment.';
  // The contract promises a human sentence for every other error.
  return error.message;
}
