import { isErrorBody, type ErrorCode, type FieldIssue } from '@telehealth/shared';

/** Codes the client makes up itself, for failures that never reached the API's error handler. */
export type ClientErrorCode = 'NETWORK_ERROR' | 'UNEXPECTED_RESPONSE';

/** A request that failed, carrying the contract's `{error: {code, message, details}}`. */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    readonly code: ErrorCode | ClientErrorCode,
    message: string,
    /** one message per bad field, keyed by the field's path (`email`, `profile.name`) */
    readonly fieldErrors: Record<string, string> = {},
    /** seconds the server asked us to wait (429, 503) */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
  }
}

/** The first message for each field: a form shows one error per input. */
export function fieldErrorsFrom(issues: readonly FieldIssue[] | undefined): Record<string, string> {
  const fieldErrors: Record<string, string> = {};
  for (const issue of issues ?? []) fieldErrors[issue.path] ??= issue.message;
  return fieldErrors;
}

function parseRetryAfter(header: string | null): number | null {
  if (header === null) return null;
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? Math.ceil(seconds) : null;
}

/** Turns a non-2xx answer into an ApiError, whether or not its body follows the contract. */
export function toApiError(status: number, body: unknown, retryAfterHeader: string | null = null): ApiError {
  const retryAfter = parseRetryAfter(retryAfterHeader);
  if (!isErrorBody(body)) {
    // A proxy or a crashed process answered, not our error handler.
    return new ApiError(
      status,
      'UNEXPECTED_RESPONSE',
      `The server answered with an unexpected error (${status}).`,
      {},
      retryAfter,
    );
  }
  const { code, message, details } = body.error;
  return new ApiError(status, code, message, fieldErrorsFrom(details), retryAfter);
}

export interface ApiFetchOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** sent as JSON */
  body?: unknown;
  /** sent as multipart; the browser sets the boundary, so no content-type here */
  formData?: FormData;
  signal?: AbortSignal;
}

/** Calls the API with the session cookie and the CSRF header; resolves with the parsed body (undefined for 204). */
export async function apiFetch<T>(path: string, options: ApiFetchOptions = {}): Promise<T> {
  const { method = 'GET', body, formData, signal } = options;
  // The backend refuses a state-changing request without this header (403 CSRF_REJECTED): a
  // cross-site form cannot set it, so it proves the request came from our own pages.
  const headers: Record<string, string> = { 'X-Requested-With': 'XMLHttpRequest', Accept: 'application/json' };
  let requestBody: BodyInit | undefined;
  if (formData) {
    requestBody = formData;
  } else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    requestBody = JSON.stringify(body);
  }

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: requestBody,
      credentials: 'same-origin',
      signal: signal ?? null,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError(0, 'NETWORK_ERROR', 'Could not reach the server. Check your connection and try again.');
  }

  if (response.status === 204) return undefined as T;
  const answer: unknown = await response.json().catch(() => undefined);
  if (!response.ok) throw toApiError(response.status, answer, response.headers.get('Retry-After'));
  return answer as T;
}
