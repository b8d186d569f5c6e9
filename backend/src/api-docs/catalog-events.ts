import {
  answerCallSchema,
  callIdOnlySchema,
  callUserSchema,
  iceCandidateEventSchema,
  renegotiateCallSchema,
  typingSchema,
} from '@telehealth/shared';
import type { z } from 'zod';

export interface ClientEventDoc {
  event: string;
  payload: z.ZodType;
  errors: string;
  extension?: boolean;
}

export const CLIENT_EVENTS: ClientEventDoc[] = [
  { event: 'typing', payload: typingSchema, errors: 'FORBIDDEN, RATE_LIMITED (dropped)' },
  {
    event: 'call-user',
    payload: callUserSchema,
    errors: 'OFFLINE, BUSY, FORBIDDEN (also a patient calling without an active consultation)',
  },
  { event: 'answer-call', payload: answerCallSchema, errors: 'NO_SUCH_CALL' },
  { event: 'ice-candidate', payload: iceCandidateEventSchema, errors: 'NO_SUCH_CALL, RATE_LIMITED' },
  { event: 'call-renegotiate', payload: renegotiateCallSchema, errors: 'NO_SUCH_CALL, RATE_LIMITED', extension: true },
  { event: 'call-end', payload: callIdOnlySchema, errors: 'NO_SUCH_CALL' },
  { event: 'call-reject', payload: callIdOnlySchema, errors: 'NO_SUCH_CALL' },
];

export const SERVER_EVENTS: { event: string; payload: string; to: string; extension?: boolean }[] = [
  { event: 'onlineUsers', payload: '`string[]`', to: 'the connecting socket: ids it may see that are online' },
  {
    event: 'presence',
    payload: '`{userId, online}`',
    to: "those allowed to see that user; offline only when the user's last tab closes",
  },
  { event: 'newMessage', payload: '`message`', to: "the receiver's sockets and the sender's other sockets" },
  { event: 'messageUpdated', payload: '`message`', to: 'both participants (reaction, edit, delete, instructions confirmed)' },
  { event: 'messagesRead', payload: '`{readerId, upTo, readAt}`', to: "the other participant (and the reader's other tabs)" },
  { event: 'typing', payload: '`{userId, isTyping}`', to: 'the other participant' },
  { event: 'queueUpdated', payload: '`{consultations}`', to: 'doctors, each their own view' },
  {
    event: 'consultationUpdated',
    payload: '`consultation`',
    to: 'its patient and its doctor; waiting patients whose position changed',
  },
  {
    event: 'doctorAvailability',
    payload: '`{doctorId, available}`',
    to: 'every patient (their directory and "N doctors available now")',
    extension: true,
  },
  {
    event: 'waitingNote',
    payload: '`{doctorId, text, at}`',
    to: 'the patients waiting for that doctor by name; `text` "" when cleared or the doctor went away',
    extension: true,
  },
  { event: 'call-made', payload: '`{callId, from, offer, video}`', to: "the callee's sockets" },
  { event: 'call-answered', payload: '`{callId, answer}`', to: "the caller's socket" },
  { event: 'ice-candidate', payload: '`{callId, candidate}`', to: "the other party's socket in the call" },
  {
    event: 'call-renegotiate',
    payload: '`{callId, description}`',
    to: 'the other socket of an answered call (ICE restart)',
    extension: true,
  },
  {
    event: 'call-ended',
    payload: '`{callId, reason, answeredElsewhere?}`',
    to: "both parties; the callee's other tabs stop ringing",
  },
  {
    event: 'session-ended',
    payload: '`{reason}`',
    to: 'the sockets of a session that was revoked or expired, just before they are disconnected',
    extension: true,
  },
  {
    event: 'server-shutdown',
    payload: '`{reconnectInMs}`',
    to: 'everyone, when the instance stops for a deploy',
    extension: true,
  },
];

/**
 * Where the code departs from ../shared/CONTRACT.md (which is read-only here), newest first: the
 * contract's changes are recorded in docs/api.md, generated from this list.
 */
export const CONTRACT_CHANGES: { change: string; why: string }[] = [
  {
    change:
      '`message` gains `kind: "system"` (a consultation\'s start or end, written by the server: `system: {event, consultationId, doctorName, reason}`, never editable, deletable or reactable) and `instructions: {confirmedAt}|null`; both fields are null when they do not apply',
    why: 'a consultation has a visible beginning and end in its thread, and a patient confirms what they were told (issue 16)',
  },
  {
    change:
      'A patient asks for a consultation only after accepting the current telehealth consent (409 `CONSENT_REQUIRED`); writes to a doctor only during an active consultation or `FOLLOW_UP_DAYS` after the last (403 `FOLLOW_UP_ENDED`); calls a doctor only during an active one (`FORBIDDEN`)',
    why: 'a consultation has a beginning and an end (issue 16, docs/consultations-lifecycle.md)',
  },
  {
    change:
      'The socket handshake authenticates with `auth: {ticket}` from `POST /api/auth/socket-ticket`, never with the cookie; a handshake without a valid ticket is refused `UNAUTHENTICATED`',
    why: "the split deployment opens the socket on the API's own site, where the session cookie is a third-party cookie browsers refuse to send (docs/deploy.md)",
  },
  {
    change: 'The session cookie is `SameSite=Lax` in every deployment (was `None` across sites)',
    why: 'the frontend host proxies `/api`, so the cookie is first-party',
  },
  {
    change: '`GET /api/auth/session` answers `{user}` or `{user: null}`',
    why: 'the sign-in page asks who is signed in without logging a 401',
  },
  {
    change:
      'Sends, edits, deletes and reactions may answer 429 `RATE_LIMITED` with `Retry-After`; `typing` over its limit is dropped and acknowledged `RATE_LIMITED`; uploads may answer 429 (too many at once) and 408 `REQUEST_TIMEOUT` (idle or too long); `register` may answer 429',
    why: 'flooding and upload abuse have a price (docs/security.md)',
  },
  {
    change:
      "An avatar (`GET /api/files/:id`) is served only to those who may see its owner's profile, else 404 (was: any signed-in user)",
    why: 'files follow the rules of the data they belong to',
  },
  {
    change: 'A successful sign-in sets an httpOnly `device` cookie (path `/api/auth`, 180 days)',
    why: 'a browser that signed in before keeps its own failure budget, so nobody can lock its owner out',
  },
  {
    change: 'Server event `doctorAvailability` `{doctorId, available}` to every patient',
    why: '"N doctors available now" follows the doctors\' switches live instead of polling',
  },
];
