import type { PeerMedia } from './call-messages';

/**
 * The call's control channel: a WebRTC data channel (negotiated, id 0, so both sides open it
 * without another round of signalling) carrying small JSON messages peer to peer. Today one kind:
 * the sender's media state, sent on open and on every change, so the other side can show
 * "Patient muted". The peer is another browser, so what arrives is checked, never trusted.
 */
export const CONTROL_CHANNEL = { label: 'control', id: 0 } as const;

export interface MediaStateMessage extends PeerMedia {
  type: 'media';
}

export function encodeMediaState(media: PeerMedia): string {
  const message: MediaStateMessage = {
    type: 'media',
    muted: media.muted,
    cameraOff: media.cameraOff,
    screenSharing: media.screenSharing,
  };
  return JSON.stringify(message);
}

/** The media state in a control message, or null for anything else (unknown types, bad JSON, binary). */
export function parseControlMessage(data: unknown): PeerMedia | null {
  if (typeof data !== 'string' || data.length > 1_000) return null;
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const message = value as Record<string, unknown>;
  if (message.type !== 'media' || typeof message.muted !== 'boolean' || typeof message.cameraOff !== 'boolean') return null;
  return { muted: message.muted, cameraOff: message.cameraOff, screenSharing: message.screenSharing === true };
}
