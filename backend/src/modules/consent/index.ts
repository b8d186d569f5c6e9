// The consent module's public entry.
export { createConsentService, type ConsentService, type ConsentServiceDeps, type AcceptanceOnFile } from './consent.service.js';
export { consentRoutes } from './consent.routes.js';
