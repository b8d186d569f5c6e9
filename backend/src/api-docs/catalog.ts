import { ADMIN_SECTION, AUTH_SECTION, HEALTH_SECTION, USERS_SECTION } from './catalog-accounts.js';
import type { SectionDoc } from './endpoint-doc.js';
import { CALLS_SECTION, CONSENT_SECTION, CONSULTATIONS_SECTION, MESSAGES_SECTION } from './catalog-care.js';

/**
 * Every endpoint and event as built, for `docs/api.md`. Bodies and queries are the very zod
 * schemas the routes validate with, so the generated field tables cannot drift from the code; a
 * test checks that this list and the mounted routes are the same set.
 *
 * The sections live in catalog-accounts.ts and catalog-care.ts, the socket events and the contract's
 * changes in catalog-events.ts; this is their order in docs/api.md.
 */
export const API_SECTIONS: SectionDoc[] = [
  AUTH_SECTION,
  USERS_SECTION,
  CONSULTATIONS_SECTION,
  CONSENT_SECTION,
  MESSAGES_SECTION,
  CALLS_SECTION,
  ADMIN_SECTION,
  HEALTH_SECTION,
];

export type { EndpointDoc, SectionDoc } from './endpoint-doc.js';
export { CLIENT_EVENTS, CONTRACT_CHANGES, SERVER_EVENTS, type ClientEventDoc } from './catalog-events.js';
