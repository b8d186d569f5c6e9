import { createHmac } from 'node:crypto';
import type { IceServersAnswer } from '@telehealth/shared';

/** How long a TURN credential stays valid; the client fetches fresh ones for every call. */
export const TURN_TTL_SECONDS = 3600;

export interface IceServerSettings {
  stunUrls: string[];
  turnUrls: string[];
  turnSecret: string | undefined;
}

/**
 * The TURN REST scheme coturn implements (`use-auth-secret` + `static-auth-secret`):
 * username = "<unix expiry>:<userId>", credential = base64(HMAC-SHA1(secret, username)).
 * coturn recomputes the HMAC with the shared secret and refuses the username once the expiry has
 * passed, so nothing is stored and a leaked credential dies by itself.
 */
export function turnCredential(secret: string, userId: string, nowMs: number, ttlSeconds = TURN_TTL_SECONDS) {
  const expiresAt = Math.floor(nowMs / 1000) + ttlSeconds;
  const username = `${expiresAt}:${userId}`;
  const credential = createHmac('sha1', secret).update(username).digest('base64');
  return { username, credential };
}

/** STUN always (when configured); TURN with short-lived credentials when TURN_URLS and TURN_SECRET are set. */
export function iceServersFor(userId: string, settings: IceServerSettings, nowMs: number): IceServersAnswer {
  const iceServers: IceServersAnswer['iceServers'] = [];
  if (settings.stunUrls.length > 0) iceServers.push({ urls: settings.stunUrls });
  if (settings.turnUrls.length > 0 && settings.turnSecret) {
    iceServers.push({ urls: settings.turnUrls, ...turnCredential(settings.turnSecret, userId, nowMs) });
  }
  return { iceServers, ttlSeconds: TURN_TTL_SECONDS };
}
