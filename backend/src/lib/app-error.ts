import { ERROR_STATUS, type ErrorCode, type FieldIssue } from '@telehealth/shared';

/** The one error type handlers throw; the error handler turns it into the contract's shape. */
export class AppError extends Error {
  override name = 'AppError';
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: FieldIssue[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.status = ERROR_STATUS[code];
  }
}

/** Small factory so call sites read as sentences: `throw errors.notFound('No such consultation')`. */
export const errors = {
  validation: (details: FieldIssue[]) => new AppError('VALIDATION_FAILED', 'Some fields are not valid', details),
  unauthenticated: (message = 'Please sign in') => new AppError('UNAUTHENTICATED', message),
  invalidCredentials: () => new AppError('INVALID_CREDENTIALS', 'Email or password is incorrect'),
  forbidden: (message = 'You are not allowed to do that') => new AppError('FORBIDDEN', message),
  csrf: () => new AppError('CSRF_REJECTED', 'This request was refused: it did not come from the app'),
  notFound: (message = 'Not found') => new AppError('NOT_FOUND', message),
  conflict: (message: string) => new AppError('CONFLICT', message),
  fileTooLarge: (limitBytes: number) =>
    new AppError('FILE_TOO_LARGE', `The file is larger than ${Math.round(limitBytes / 1024 / 1024)} MB`),
  unsupportedFileType: (allowed: readonly string[]) =>
    new AppError('UNSUPPORTED_FILE_TYPE', `Only these file types are accepted: ${allowed.join(', ')}`),
  rateLimited: (retryAfterSeconds: number) =>
    new AppError('RATE_LIMITED', 'Too many attempts; try again later', undefined, {
      'Retry-After': String(retryAfterSeconds),
    }),
  databaseUnavailable: () =>
    new AppError('DATABASE_UNAVAILABLE', 'The service is briefly unavailable; try again in a few seconds', undefined, {
      'Retry-After': '5',
    }),
};
