import {
  adminUserListQuerySchema,
  auditQuerySchema,
  availabilitySchema,
  createStaffSchema,
  loginSchema,
  passwordChangeSchema,
  registerSchema,
  resetPasswordSchema,
  updateAccountSchema,
  updateConsentSchema,
  updateProfileSchema,
  userListQuerySchema,
} from '@telehealth/shared';
import type { SectionDoc } from './endpoint-doc.js';

/** Sign-in, profiles, the admin console and health: the sections of `docs/api.md` about accounts. */

export const AUTH_SECTION: SectionDoc = {
  title: 'Authentication and sessions',
  endpoints: [
    {
      method: 'POST',
      path: '/api/auth/register',
      who: 'anyone',
      body: registerSchema,
      answer:
        '201 `{user}` + `jwt` and `device` cookies; the role is always `patient`; 409 for a taken email; 400 naming why a password is refused; 429 past the sign-up limits (checked before the body is read)',
    },
    {
      method: 'POST',
      path: '/api/auth/login',
      who: 'anyone',
      body: loginSchema,
      answer:
        '200 `{user}` + cookie; 401 INVALID_CREDENTIALS (one message for unknown email, wrong password, deactivated); 429 after repeated failures',
    },
    {
      method: 'POST',
      path: '/api/auth/logout',
      who: 'signed in',
      answer: '204, cookie cleared, session revoked, its sockets disconnected',
    },
    {
      method: 'GET',
      path: '/api/auth/me',
      who: 'signed in',
      answer: '`{user}` (with email; a doctor also sees their own `waitingNote`, `{text, at}` or null)',
    },
    {
      method: 'GET',
      path: '/api/auth/session',
      who: 'anyone',
      answer:
        '200 `{user}` (with email) when signed in, `{user: null}` otherwise: the page asks this at start, so a signed-out visit logs no error',
      extension: true,
    },
    {
      method: 'POST',
      path: '/api/auth/password',
      who: 'signed in',
      body: passwordChangeSchema,
      answer: '204; every other session revoked',
    },
    {
      method: 'POST',
      path: '/api/auth/socket-ticket',
      who: 'signed in',
      answer:
        '200 `{ticket, expiresInSeconds, socketUrl}`: a single-use ticket for the socket handshake (`auth: {ticket}`), bound to this session, valid 30 s; `socketUrl` null means this origin',
    },
  ],
};

export const USERS_SECTION: SectionDoc = {
  title: 'Users and profiles',
  endpoints: [
    {
      method: 'GET',
      path: '/api/users',
      who: 'signed in',
      query: userListQuerySchema,
      answer: '`{users, nextCursor}`: the directory, limited by `canSee`; search matches name or specialty literally',
    },
    { method: 'GET', path: '/api/users/:id', who: 'signed in', answer: '`{user}`; 404 when the viewer may not see them' },
    {
      method: 'PATCH',
      path: '/api/users/me',
      who: 'signed in',
      body: updateProfileSchema,
      answer: '`{user}`; `specialty` only for doctors; any other field is a 400',
    },
    {
      method: 'PATCH',
      path: '/api/users/me/availability',
      who: 'doctor',
      body: availabilitySchema,
      answer: '`{user}`; every patient gets `doctorAvailability`, and patients who asked for this doctor `consultationUpdated`',
      extension: true,
    },
    {
      method: 'PUT',
      path: '/api/users/me/avatar',
      who: 'signed in',
      multipart: 'field `avatar`: png, jpeg or webp by content, at most 2 MB',
      answer: '`{user}` with the new `avatarUrl`; 413, 415',
    },
  ],
};

export const ADMIN_SECTION: SectionDoc = {
  title: 'Admin (admins only)',
  endpoints: [
    {
      method: 'GET',
      path: '/api/admin/users',
      who: 'admin',
      query: adminUserListQuerySchema,
      answer: '`{users, nextCursor}` with emails',
    },
    { method: 'POST', path: '/api/admin/users', who: 'admin', body: createStaffSchema, answer: '201 `{user}`' },
    {
      method: 'PATCH',
      path: '/api/admin/users/:id',
      who: 'admin',
      body: updateAccountSchema,
      answer: '`{user}`; deactivation revokes sessions and disconnects sockets at once; never oneself (409)',
    },
    {
      method: 'POST',
      path: '/api/admin/users/:id/password',
      who: 'admin',
      body: resetPasswordSchema,
      answer: "204; that user's sessions revoked",
    },
    {
      method: 'GET',
      path: '/api/admin/audit',
      who: 'admin',
      query: auditQuerySchema,
      answer: '`{events, nextCursor}`, newest first',
    },
    {
      method: 'GET',
      path: '/api/admin/stats',
      who: 'admin',
      answer: '`AdminStats`: users by role, consultations by status, average wait, consultations per day',
    },
    {
      method: 'PUT',
      path: '/api/admin/consent',
      who: 'admin',
      body: updateConsentSchema,
      answer: '`{consent}`: the text as the next version, audited; every patient must accept it before their next request',
      extension: true,
    },
  ],
};

export const HEALTH_SECTION: SectionDoc = {
  title: 'Health',
  endpoints: [
    {
      method: 'GET',
      path: '/api/health',
      who: 'anyone',
      answer: '200 `{status: "ok", db: "up"}` or 503 `{status: "degraded", db: "down"}`',
    },
  ],
};
