import {
  acceptConsentSchema,
  completeConsultationSchema,
  consultationListQuerySchema,
  editMessageSchema,
  historyQuerySchema,
  openConsultationSchema,
  reactionSchema,
  readReceiptSchema,
  sendMessageSchema,
  waitingNoteSchema,
} from '@telehealth/shared';
import type { SectionDoc } from './endpoint-doc.js';

/** The queue, consent, messages and calls: the sections of `docs/api.md` about care. */

export const CONSULTATIONS_SECTION: SectionDoc = {
  title: 'Consultations (the queue)',
  endpoints: [
    {
      method: 'POST',
      path: '/api/consultations',
      who: 'patient',
      body: openConsultationSchema,
      answer:
        '201 `{consultation}` with `position`, `estimatedWaitSeconds` and the `consent` `{version, acceptedAt}` it was asked under; 409 `CONSENT_REQUIRED` until the patient has accepted the current consent; 409 if one is already waiting or active',
    },
    {
      method: 'GET',
      path: '/api/consultations',
      who: 'signed in',
      query: consultationListQuerySchema,
      answer: "`{consultations, nextCursor}`: a patient's own, a doctor's assigned ones, newest first",
    },
    {
      method: 'GET',
      path: '/api/consultations/queue',
      who: 'doctor',
      answer: '`{consultations}`: waiting ones this doctor may take, urgent first then oldest, with `patientOnline`',
    },
    {
      method: 'GET',
      path: '/api/consultations/doctors-available',
      who: 'signed in',
      answer: '`{count}` of doctors available now',
      extension: true,
    },
    {
      method: 'GET',
      path: '/api/consultations/:id',
      who: 'its patient or doctor',
      answer: '`{consultation}`; 404 for anyone else',
      extension: true,
    },
    {
      method: 'GET',
      path: '/api/consultations/with/:userId',
      who: 'patient, doctor',
      answer:
        "`{consultations}`: the viewer's with this doctor (or patient), newest first, at most 20, for the follow-up rule; 404 for a user the viewer may not see",
      extension: true,
    },
    {
      method: 'POST',
      path: '/api/consultations/:id/accept',
      who: 'doctor',
      answer: '`{consultation}` now active; 409 if no longer waiting (exactly one of two concurrent accepts wins)',
    },
    {
      method: 'POST',
      path: '/api/consultations/:id/complete',
      who: 'its doctor',
      body: completeConsultationSchema,
      answer: '`{consultation}`; the patient reads the notes',
    },
    { method: 'POST', path: '/api/consultations/:id/cancel', who: 'its patient, while waiting', answer: '`{consultation}`' },
    {
      method: 'GET',
      path: '/api/consultations/:id/summary',
      who: 'its patient or doctor',
      answer:
        '`{summary}`: reason, urgency, patient and doctor, requested/accepted/completed times, waiting and consultation seconds, notes, and the instructions (with `confirmedAt`), calls and files between its start and end entries in the thread; `status: "active"` sums up so far; 409 before a doctor took it or once cancelled; 404 for anyone else',
      extension: true,
    },
    {
      method: 'PUT',
      path: '/api/consultations/waiting-note',
      who: 'doctor',
      body: waitingNoteSchema,
      answer:
        "`{waitingNote: {text, at} | null}` (empty text clears); the patients waiting for this doctor by name get `waitingNote` and see it as the consultation's `waitingNote`; 409 while the doctor is away (going away clears it)",
      extension: true,
    },
  ],
};

export const CONSENT_SECTION: SectionDoc = {
  title: 'Consent',
  endpoints: [
    {
      method: 'GET',
      path: '/api/consent',
      who: 'signed in',
      answer:
        '`{consent: {version, text, updatedAt}, accepted: {version, acceptedAt} | null}`: the current text (version 1 seeded at first read) and what this patient last accepted',
      extension: true,
    },
    {
      method: 'POST',
      path: '/api/consent/accept',
      who: 'patient',
      body: acceptConsentSchema,
      answer: '`{accepted: {version, acceptedAt}}`, audited; 409 `CONSENT_OUTDATED` for any version but the current one',
      extension: true,
    },
  ],
};

export const MESSAGES_SECTION: SectionDoc = {
  title: 'Messages and files',
  endpoints: [
    {
      method: 'GET',
      path: '/api/messages/conversations',
      who: 'patient, doctor',
      answer: '`{conversations: [{user, lastMessage, unreadCount}]}`, newest activity first',
    },
    {
      method: 'GET',
      path: '/api/messages/:userId',
      who: 'participant',
      query: historyQuerySchema,
      answer: '`{messages, hasMore}` in ascending order; `before` pages back, `after` catches up',
    },
    {
      method: 'POST',
      path: '/api/messages/:receiverId',
      who: 'allowed sender',
      body: sendMessageSchema,
      multipart:
        'or multipart with the same fields and a file field `file` (png, jpeg, webp, gif, pdf by content; `MAX_UPLOAD_MB`)',
      answer:
        '201 `{message}`; the same `clientId` again → 200 with the stored message; 403 `FOLLOW_UP_ENDED` for a patient writing to a doctor with no active consultation more than `FOLLOW_UP_DAYS` (7) after the last one completed; 403 before the body is read for a receiver the sender may not message; `instructions: true` (a doctor to their patient only, else 403) makes it instructions the patient confirms; 429 `RATE_LIMITED` with `Retry-After` (send rate, or too many uploads at once); 408 for an upload idle or too long',
    },
    {
      method: 'PATCH',
      path: '/api/messages/:id',
      who: 'its sender, within 15 minutes',
      body: editMessageSchema,
      answer: '`{message}` with `editedAt`',
    },
    {
      method: 'DELETE',
      path: '/api/messages/:id',
      who: 'its sender',
      answer: '`{message}` soft-deleted: text "", no attachment, no reactions',
    },
    {
      method: 'POST',
      path: '/api/messages/:id/reactions',
      who: 'participant',
      body: reactionSchema,
      answer: "`{message}`; toggles this user's reaction; 429 `RATE_LIMITED` past the reaction rate",
    },
    {
      method: 'GET',
      path: '/api/messages/instructions/pending',
      who: 'patient',
      answer: '`{instructions: [{message, doctor}]}`: their instructions not yet confirmed, from every doctor, oldest first',
      extension: true,
    },
    {
      method: 'POST',
      path: '/api/messages/:id/understood',
      who: 'the patient the instructions are for',
      answer:
        '`{message}` with `instructions.confirmedAt`; both participants get `messageUpdated`; 409 if already confirmed, deleted or not instructions; 403 for the doctor; 404 for anyone else',
      extension: true,
    },
    {
      method: 'POST',
      path: '/api/messages/:userId/read',
      who: 'participant',
      body: readReceiptSchema,
      answer: '204; the sender gets `messagesRead`',
    },
    {
      method: 'GET',
      path: '/api/files/:id',
      who: 'participants of its message; any signed-in user for avatars',
      answer: 'the bytes with the stored type, `nosniff`, and `Content-Disposition: attachment` for anything but images',
    },
  ],
};

export const CALLS_SECTION: SectionDoc = {
  title: 'Calls',
  endpoints: [
    {
      method: 'GET',
      path: '/api/rtc/ice-servers',
      who: 'signed in',
      answer: '`{iceServers, ttlSeconds}`: STUN, and TURN with TURN REST credentials when configured',
    },
    {
      method: 'GET',
      path: '/api/client-config',
      who: 'signed in',
      answer:
        '`{gestureModelUrl, followUpDays}`: where the browser loads the gesture model from (`GESTURE_MODEL_URL`), and the follow-up window (`FOLLOW_UP_DAYS`)',
      extension: true,
    },
  ],
};
