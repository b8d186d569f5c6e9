/** Every error code the API and the socket acknowledgements can answer with. */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  CSRF_REJECTED: 403,
  NOT_FOUND: 404,
  /** an upload that trickled past its idle or total time limit */
  REQUEST_TIMEOUT: 408,
  CONFLICT: 409,
  /** the patient has not accepted the current telehealth consent (issue 16) */
  CONSENT_REQUIRED: 409,
  /** an acceptance of a consent version that is no longer the current one */
  CONSENT_OUTDATED: 409,
  /** a patient writing to a doctor after the follow-up window of their last consultation closed */
  FOLLOW_UP_ENDED: 403,
  FILE_TOO_LARGE: 413,
  UNSUPPORTED_FILE_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  DATABASE_UNAVAILABLE: 503,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

/** Socket acknowledgement codes beyond the REST ones. */
export const SOCKET_ERROR_CODES = [
  'OFFLINE',
  'BUSY',
  'FORBIDDEN',
  'NO_SUCH_CALL',
  'VALIDATION_FAILED',
  'RATE_LIMITED',
  'INTERNAL',
] as const;
export type SocketErrorCode = (typeof SOCKET_ERROR_CODES)[number];

export interface FieldIssue {
  path: string;
  message: string;
}

/** The one error shape every endpoint answers with. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: FieldIssue[] };
}

export function isErrorBody(value: unknown): value is ErrorBody {
  return typeof value === 'object' && value !== null && 'error' in value && typeof value.error === 'object';
}
