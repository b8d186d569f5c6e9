import { vi } from 'vitest';

/** A request as a route sees it: `GET /api/consultations` (no query) and the JSON body. */
export interface FakeRequest {
  route: string;
  url: string;
  body: unknown;
}

/** Answers a request: a value is the 200 JSON body; a `Response` is sent as it is. */
type Route = (request: FakeRequest) => unknown;

export interface FakeApi {
  /** every request in order, as `METHOD /path?query` */
  readonly requests: string[];
  /** how many requests went to `route` (`GET /api/consultations`) */
  count(route: string): number;
}

/**
 * Stands in for our API by replacing `fetch` (as `api-client.test.ts` does), so hooks are tested
 * through their real API modules and `apiFetch`. Routes are `METHOD /path` without the query; a
 * request to any other answers 404. Undo it with `vi.unstubAllGlobals()` after each test.
 */
export function stubApi(routes: Record<string, Route>): FakeApi {
  const requests: string[] = [];
  vi.stubGlobal('fetch', async (input: string, init: RequestInit = {}) => {
    const method = init.method ?? 'GET';
    requests.push(`${method} ${input}`);
    init.signal?.throwIfAborted();
    const route = `${method} ${input.split('?')[0]}`;
    const answer = routes[route];
    if (!answer) return jsonResponse(404, { error: { code: 'NOT_FOUND', message: `no fake for ${route}` } });
    const result = answer({ route, url: input, body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined });
    return result instanceof Response ? result : jsonResponse(200, result);
  });
  return { requests, count: (route) => requests.filter((request) => request.split('?')[0] === route).length };
}

export function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}
