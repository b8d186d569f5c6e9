import {
  adminUserListQuerySchema,
  answerCallSchema,
  auditQuerySchema,
  availabilitySchema,
  callIdOnlySchema,
  callUserSchema,
  completeConsultationSchema,
  consultationListQuerySchema,
  createStaffSchema,
  editMessageSchema,
  historyQuerySchema,
  iceCandidateEventSchema,
  loginSchema,
  openConsultationSchema,
  passwordChangeSchema,
  reactionSchema,
  readReceiptSchema,
  registerSchema,
  renegotiateCallSchema,
  resetPasswordSchema,
  sendMessageSchema,
  typingSchema,
  updateAccountSchema,
  updateProfileSchema,
  userListQuerySchema,
} from '@telehealth/shared';
import type { z } from 'zod';

/**
 * Every endpoint and event as built, for `docs/api.md`. Bodies and queries are the very zod
 * schemas the routes validate with, so the generated field tables cannot drift from the code; a
 * test checks that this list and the mounted routes are the same set.
 */
export interface EndpointDoc {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  who: string;
  answer: string;
  body?: z.ZodType;
  query?: z.ZodType;
  /** a multipart body, described in words */
  multipart?: string;
  /** not in CONTRACT.md: added while building */
  extension?: boolean;
}

export interface SectionDoc {
  title: string;
  endpoints: EndpointDoc[];
}

export const API_SECTIONS: SectionDoc[] = [
  {
    title: 'Authentication and sessions',
    endpoints: [
      { method: 'POST', path: '/api/auth/register', who: 'anyone', body: registerSchema, answer: '201 `{user}` + `jwt` and `device` cookies; the role is always `patient`; 409 for a taken email; 400 naming why a password is refused; 429 past the sign-up limits (checked before the body is read)' },
      { method: 'POST', path: '/api/auth/login', who: 'anyone', body: loginSchema, answer: '200 `{user}` + cookie; 401 INVALID_CREDENTIALS (one message for unknown email, wrong password, deactivated); 429 after repeated failures' },
      { method: 'POST', path: '/api/auth/logout', who: 'signed in', answer: '204, cookie cleared, session revoked, its sockets disconnected' },
      { method: 'GET', path: '/api/auth/me', who: 'signed in', answer: '`{user}` (with email)' },
      { method: 'GET', path: '/api/auth/session', who: 'anyone', answer: '200 `{user}` (with email) when signed in, `{user: null}` otherwise: the page asks this at start, so a signed-out visit logs no error', extension: true },
      { method: 'POST', path: '/api/auth/password', who: 'signed in', body: passwordChangeSchema, answer: '204; every other session revoked' },
      { method: 'POST', path: '/api/auth/socket-ticket', who: 'signed in', answer: '200 `{ticket, expiresInSeconds, socketUrl}`: a single-use ticket for the socket handshake (`auth: {ticket}`), bound to this session, valid 30 s; `socketUrl` null means this origin' },
    ],
  },
  {
    title: 'Users and profiles',
    endpoints: [
      { method: 'GET', path: '/api/users', who: 'signed in', query: userListQuerySchema, answer: '`{users, nextCursor}`: the directory, limited by `canSee`; search matches name or specialty literally' },
      { method: 'GET', path: '/api/users/:id', who: 'signed in', answer: '`{user}`; 404 when the viewer may not see them' },
      { method: 'PATCH', path: '/api/users/me', who: 'signed in', body: updateProfileSchema, answer: '`{user}`; `specialty` only for doctors; any other field is a 400' },
      { method: 'PATCH', path: '/api/users/me/availability', who: 'doctor', body: availabilitySchema, answer: '`{user}`; every patient gets `doctorAvailability`, and patients who asked for this doctor `consultationUpdated`', extension: true },
      { method: 'PUT', path: '/api/users/me/avatar', who: 'signed in', multipart: 'field `avatar`: png, jpeg or webp by content, at most 2 MB', answer: '`{user}` with the new `avatarUrl`; 413, 415' },
    ],
  },
  {
    title: 'Consultations (the queue)',
    endpoints: [
      { method: 'POST', path: '/api/consultations', who: 'patient', body: openConsultationSchema, answer: '201 `{consultation}` with `position` and `estimatedWaitSeconds`; 409 if one is already waiting or active' },
      { method: 'GET', path: '/api/consultations', who: 'signed in', query: consultationListQuerySchema, answer: "`{consultations, nextCursor}`: a patient's own, a doctor's assigned ones, newest first" },
      { method: 'GET', path: '/api/consultations/queue', who: 'doctor', answer: '`{consultations}`: waiting ones this doctor may take, urgent first then oldest, with `patientOnline`' },
      { method: 'GET', path: '/api/consultations/doctors-available', who: 'signed in', answer: '`{count}` of doctors available now', extension: true },
      { method: 'GET', path: '/api/consultations/:id', who: 'its patient or doctor', answer: '`{consultation}`; 404 for anyone else', extension: true },
      { method: 'POST', path: '/api/consultations/:id/accept', who: 'doctor', answer: '`{consultation}` now active; 409 if no longer waiting (exactly one of two concurrent accepts wins)' },
      { method: 'POST', path: '/api/consultations/:id/complete', who: 'its doctor', body: completeConsultationSchema, answer: '`{consultation}`; the patient reads the notes' },
      { method: 'POST', path: '/api/consultations/:id/cancel', who: 'its patient, while waiting', answer: '`{consultation}`' },
    ],
  },
  {
    title: 'Messages and files',
    endpoints: [
      { method: 'GET', path: '/api/messages/conversations', who: 'patient, doctor', answer: '`{conversations: [{user, lastMessage, unreadCount}]}`, newest activity first' },
      { method: 'GET', path: '/api/messages/:userId', who: 'participant', query: historyQuerySchema, answer: '`{messages, hasMore}` in ascending order; `before` pages back, `after` catches up' },
      { method: 'POST', path: '/api/messages/:receiverId', who: 'allowed sender', body: sendMessageSchema, multipart: 'or multipart with the same fields and a file field `file` (png, jpeg, webp, gif, pdf by content; `MAX_UPLOAD_MB`)', answer: '201 `{message}`; the same `clientId` again → 200 with the stored message; 403 before the body is read for a receiver the sender may not message; 429 `RATE_LIMITED` with `Retry-After` (send rate, or too many uploads at once); 408 for an upload idle or too long' },
      { method: 'PATCH', path: '/api/messages/:id', who: 'its sender, within 15 minutes', body: editMessageSchema, answer: '`{message}` with `editedAt`' },
      { method: 'DELETE', path: '/api/messages/:id', who: 'its sender', answer: '`{message}` soft-deleted: text "", no attachment, no reactions' },
      { method: 'POST', path: '/api/messages/:id/reactions', who: 'participant', body: reactionSchema, answer: "`{message}`; toggles this user's reaction; 429 `RATE_LIMITED` past the reaction rate" },
      { method: 'POST', path: '/api/messages/:userId/read', who: 'participant', body: readReceiptSchema, answer: '204; the sender gets `messagesRead`' },
      { method: 'GET', path: '/api/files/:id', who: 'participants of its message; any signed-in user for avatars', answer: 'the bytes with the stored type, `nosniff`, and `Content-Disposition: attachment` for anything but images' },
    ],
  },
  {
    title: 'Calls',
    endpoints: [
      { method: 'GET', path: '/api/rtc/ice-servers', who: 'signed in', answer: '`{iceServers, ttlSeconds}`: STUN, and TURN with TURN REST credentials when configured' },
      { method: 'GET', path: '/api/client-config', who: 'signed in', answer: '`{gestureModelUrl}`: where the browser loads the gesture model from (`GESTURE_MODEL_URL`)', extension: true },
    ],
  },
  {
    title: 'Admin (admins only)',
    endpoints: [
      { method: 'GET', path: '/api/admin/users', who: 'admin', query: adminUserListQuerySchema, answer: '`{users, nextCursor}` with emails' },
      { method: 'POST', path: '/api/admin/users', who: 'admin', body: createStaffSchema, answer: '201 `{user}`' },
      { method: 'PATCH', path: '/api/admin/users/:id', who: 'admin', body: updateAccountSchema, answer: '`{user}`; deactivation revokes sessions and disconnects sockets at once; never oneself (409)' },
      { method: 'POST', path: '/api/admin/users/:id/password', who: 'admin', body: resetPasswordSchema, answer: "204; that user's sessions revoked" },
      { method: 'GET', path: '/api/admin/audit', who: 'admin', query: auditQuerySchema, answer: '`{events, nextCursor}`, newest first' },
      { method: 'GET', path: '/api/admin/stats', who: 'admin', answer: '`AdminStats`: users by role, consultations by status, average wait, consultations per day' },
    ],
  },
  {
    title: 'Health',
    endpoints: [{ method: 'GET', path: '/api/health', who: 'anyone', answer: '200 `{status: "ok", db: "up"}` or 503 `{status: "degraded", db: "down"}`' }],
  },
];

export interface ClientEventDoc {
  event: string;
  payload: z.ZodType;
  errors: string;
  extension?: boolean;
}

export const CLIENT_EVENTS: ClientEventDoc[] = [
  { event: 'typing', payload: typingSchema, errors: 'FORBIDDEN, RATE_LIMITED (dropped)' },
  { event: 'call-user', payload: callUserSchema, errors: 'OFFLINE, BUSY, FORBIDDEN' },
  { event: 'answer-call', payload: answerCallSchema, errors: 'NO_SUCH_CALL' },
  { event: 'ice-candidate', payload: iceCandidateEventSchema, errors: 'NO_SUCH_CALL, RATE_LIMITED' },
  { event: 'call-renegotiate', payload: renegotiateCallSchema, errors: 'NO_SUCH_CALL, RATE_LIMITED', extension: true },
  { event: 'call-end', payload: callIdOnlySchema, errors: 'NO_SUCH_CALL' },
  { event: 'call-reject', payload: callIdOnlySchema, errors: 'NO_SUCH_CALL' },
];

export const SERVER_EVENTS: { event: string; payload: string; to: string; extension?: boolean }[] = [
  { event: 'onlineUsers', payload: '`string[]`', to: 'the connecting socket: ids it may see that are online' },
  { event: 'presence', payload: '`{userId, online}`', to: "those allowed to see that user; offline only when the user's last tab closes" },
  { event: 'newMessage', payload: '`message`', to: "the receiver's sockets and the sender's other sockets" },
  { event: 'messageUpdated', payload: '`message`', to: 'both participants (reaction, edit, delete)' },
  { event: 'messagesRead', payload: '`{readerId, upTo, readAt}`', to: "the other participant (and the reader's other tabs)" },
  { event: 'typing', payload: '`{userId, isTyping}`', to: 'the other participant' },
  { event: 'queueUpdated', payload: '`{consultations}`', to: 'doctors, each their own view' },
  { event: 'consultationUpdated', payload: '`consultation`', to: 'its patient and its doctor; waiting patients whose position changed' },
  { event: 'doctorAvailability', payload: '`{doctorId, available}`', to: 'every patient (their directory and "N doctors available now")', extension: true },
  { event: 'call-made', payload: '`{callId, from, offer, video}`', to: "the callee's sockets" },
  { event: 'call-answered', payload: '`{callId, answer}`', to: "the caller's socket" },
  { event: 'ice-candidate', payload: '`{callId, candidate}`', to: "the other party's socket in the call" },
  { event: 'call-renegotiate', payload: '`{callId, description}`', to: 'the other socket of an answered call (ICE restart)', extension: true },
  { event: 'call-ended', payload: '`{callId, reason, answeredElsewhere?}`', to: "both parties; the callee's other tabs stop ringing" },
  { event: 'session-ended', payload: '`{reason}`', to: 'the sockets of a session that was revoked or expired, just before they are disconnected', extension: true },
  { event: 'server-shutdown', payload: '`{reconnectInMs}`', to: 'everyone, when the instance stops for a deploy', extension: true },
];

/**
 * Where the code departs from ../shared/CONTRACT.md (which is read-only here), newest first: the
 * contract's changes are recorded in docs/api.md, generated from this list.
 */
export const CONTRACT_CHANGES: { change: string; why: string }[] = [
  {
    change: 'The socket handshake authenticates with `auth: {ticket}` from `POST /api/auth/socket-ticket`, never with the cookie; a handshake without a valid ticket is refused `UNAUTHENTICATED`',
    why: 'the split deployment opens the socket on the API\'s own site, where the session cookie is a third-party cookie browsers refuse to send (docs/deploy.md)',
  },
  { change: 'The session cookie is `SameSite=Lax` in every deployment (was `None` across sites)', why: 'the frontend host proxies `/api`, so the cookie is first-party' },
  { change: '`GET /api/auth/session` answers `{user}` or `{user: null}`', why: 'the sign-in page asks who is signed in without logging a 401' },
  {
    change: 'Sends, edits, deletes and reactions may answer 429 `RATE_LIMITED` with `Retry-After`; `typing` over its limit is dropped and acknowledged `RATE_LIMITED`; uploads may answer 429 (too many at once) and 408 `REQUEST_TIMEOUT` (idle or too long); `register` may answer 429',
    why: 'flooding and upload abuse have a price (docs/security.md)',
  },
  { change: 'An avatar (`GET /api/files/:id`) is served only to those who may see its owner\'s profile, else 404 (was: any signed-in user)', why: 'files follow the rules of the data they belong to' },
  { change: 'A successful sign-in sets an httpOnly `device` cookie (path `/api/auth`, 180 days)', why: 'a browser that signed in before keeps its own failure budget, so nobody can lock its owner out' },
  { change: 'Server event `doctorAvailability` `{doctorId, available}` to every patient', why: '"N doctors available now" follows the doctors\' switches live instead of polling' },
];
