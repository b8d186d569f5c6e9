import type { SocketTicketAnswer } from '@telehealth/shared';

/**
 * What a page does before opening its socket: asks the API, with its session cookie, for a
 * single-use ticket (modules/auth/socket-ticket.ts). Undefined when the cookie opens no session,
 * so the handshake goes without one and is refused, as a browser's would be.
 */
export async function fetchSocketTicket(
  apiUrl: string,
  cookie: string | undefined,
  origin?: string,
): Promise<string | undefined> {
  if (!cookie) return undefined;
  const response = await fetch(`${apiUrl}/api/auth/socket-ticket`, {
    method: 'POST',
    headers: { cookie, 'X-Requested-With': 'XMLHttpRequest', ...(origin ? { origin } : {}) },
  });
  if (!response.ok) return undefined;
  return ((await response.json()) as SocketTicketAnswer).ticket;
}
