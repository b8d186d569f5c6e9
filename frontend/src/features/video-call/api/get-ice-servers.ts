import type { IceServersAnswer } from '@telehealth/shared';
import { apiFetch } from '../../../lib/api-client';

/** `GET /api/rtc/ice-servers`: STUN and short-lived TURN credentials, fetched fresh for every call. */
export async function getIceServers(): Promise<RTCIceServer[]> {
  const { iceServers } = await apiFetch<IceServersAnswer>('/api/rtc/ice-servers');
  return iceServers;
}
