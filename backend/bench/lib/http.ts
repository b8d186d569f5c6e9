import http from 'node:http';

/*
 * A keep-alive HTTP client for the senders: node:http with a pooled agent costs the driver less
 * per request than fetch, so the driver is not what limits the rate.
 */

const agent = new http.Agent({ keepAlive: true, maxSockets: 128 });

export interface JsonAnswer {
  status: number;
  body: unknown;
  setCookie: string[];
}

export function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<JsonAnswer> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
          'x-requested-with': 'XMLHttpRequest',
          ...headers,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          try {
            parsed = text ? JSON.parse(text) : null;
          } catch {
            // not JSON: keep the text
          }
          const setCookie = response.headers['set-cookie'] ?? [];
          resolve({ status: response.statusCode ?? 0, body: parsed, setCookie });
        });
        response.on('error', reject);
      },
    );
    request.setTimeout(60_000, () => request.destroy(new Error('request timed out')));
    request.on('error', reject);
    request.end(payload);
  });
}

/** Signs in through the API and returns the `jwt=...` cookie. */
export async function login(url: string, origin: string, email: string, password: string): Promise<string> {
  const answer = await postJson(`${url}/api/auth/login`, { email, password }, { origin });
  const cookie = answer.setCookie.find((line) => line.startsWith('jwt='));
  if (answer.status !== 200 || !cookie) throw new Error(`login failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  return cookie.split(';')[0]!;
}
