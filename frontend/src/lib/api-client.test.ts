import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, apiFetch, fieldErrorsFrom, toApiError } from './api-client';

function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}

describe('toApiError', () => {
  it('turns a validation error body into one message per field', () => {
    const error = toApiError(400, {
      error: {
        code: 'VALIDATION_FAILED',
        message: 'Some fields are not valid',
        details: [
          { path: 'email', message: 'must be an email address' },
          { path: 'password', message: 'must be at least 8 characters' },
          { path: 'email', message: 'is too long' },
        ],
      },
    });
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', message: 'Some fields are not valid' });
    expect(error.fieldErrors).toEqual({ email: 'must be an email address', password: 'must be at least 8 characters' });
  });

  it('keeps the code and message of an error without details', () => {
    const error = toApiError(401, { error: { code: 'INVALID_CREDENTIALS', message: 'Email or password is incorrect' } });
    expect(error).toMatchObject({ status: 401, code: 'INVALID_CREDENTIALS', fieldErrors: {}, retryAfterSeconds: null });
  });

  it('reads Retry-After in seconds', () => {
    expect(toApiError(429, { error: { code: 'RATE_LIMITED', message: 'Too many' } }, '90').retryAfterSeconds).toBe(90);
    expect(toApiError(429, { error: { code: 'RATE_LIMITED', message: 'Too many' } }, 'soon').retryAfterSeconds).toBeNull();
  });

  it('does not trust a body that is not the contract shape (a proxy page, a crash)', () => {
    const error = toApiError(502, '<html>Bad gateway</html>');
    expect(error).toMatchObject({ status: 502, code: 'UNEXPECTED_RESPONSE', fieldErrors: {} });
  });
});

describe('fieldErrorsFrom', () => {
  it('answers an empty map when there are no details', () => {
    expect(fieldErrorsFrom(undefined)).toEqual({});
  });
});

describe('apiFetch', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('sends the cookie, the CSRF header and a JSON body', async () => {
    const fetchMock = vi.fn<typeof fetch>().mockResolvedValue(jsonResponse(201, { user: { id: '1' } }));
    vi.stubGlobal('fetch', fetchMock);

    await expect(apiFetch('/api/auth/register', { method: 'POST', body: { name: 'Ada' } })).resolves.toEqual({
      user: { id: '1' },
    });

    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/api/auth/register');
    expect(init).toMatchObject({ method: 'POST', credentials: 'same-origin', body: '{"name":"Ada"}' });
    expect(init?.headers).toMatchObject({ 'X-Requested-With': 'XMLHttpRequest', 'Content-Type': 'application/json' });
  });

  it('sends the CSRF header on a GET too, and no content type without a body', async () => {
    const fetchMock = vi.fn<typeof fetch>().mockResolvedValue(jsonResponse(200, { ok: true }));
    vi.stubGlobal('fetch', fetchMock);
    await apiFetch('/api/auth/me');
    const headers = fetchMock.mock.calls[0]![1]?.headers as Record<string, string>;
    expect(headers['X-Requested-With']).toBe('XMLHttpRequest');
    expect(headers['Content-Type']).toBeUndefined();
  });

  it('lets the browser set the multipart content type for form data', async () => {
    const fetchMock = vi.fn<typeof fetch>().mockResolvedValue(jsonResponse(200, {}));
    vi.stubGlobal('fetch', fetchMock);
    const formData = new FormData();
    formData.set('text', 'hello');
    await apiFetch('/api/messages/x', { method: 'POST', formData });
    const init = fetchMock.mock.calls[0]![1];
    expect(init?.body).toBe(formData);
    expect((init?.headers as Record<string, string>)['Content-Type']).toBeUndefined();
  });

  it('resolves with undefined on 204', async () => {
    vi.stubGlobal('fetch', vi.fn<typeof fetch>().mockResolvedValue(new Response(null, { status: 204 })));
    await expect(apiFetch('/api/auth/logout', { method: 'POST' })).resolves.toBeUndefined();
  });

  it('throws an ApiError for an error answer', async () => {
    const body = { error: { code: 'RATE_LIMITED', message: 'Too many attempts' } };
    vi.stubGlobal('fetch', vi.fn<typeof fetch>().mockResolvedValue(jsonResponse(429, body, { 'Retry-After': '120' })));
    await expect(apiFetch('/api/auth/login', { method: 'POST', body: {} })).rejects.toMatchObject({
      status: 429,
      code: 'RATE_LIMITED',
      retryAfterSeconds: 120,
    });
  });

  it('throws a NETWORK_ERROR when the server cannot be reached', async () => {
    vi.stubGlobal('fetch', vi.fn<typeof fetch>().mockRejectedValue(new TypeError('Failed to fetch')));
    await expect(apiFetch('/api/auth/me')).rejects.toMatchObject({ status: 0, code: 'NETWORK_ERROR' });
  });

  it('passes an abort through as it is, not as a network error', async () => {
    const controller = new AbortController();
    controller.abort();
    vi.stubGlobal('fetch', vi.fn<typeof fetch>().mockRejectedValue(new DOMException('aborted', 'AbortError')));
    await expect(apiFetch('/api/auth/me', { signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });
});
