// The consultations module's public entry.
export { createConsultationService, type ConsultationService, type ConsultationServiceDeps } from './consultation.service.js';
export { consultationRoutes } from './consultation.routes.js';
export { consultedWith, relationBetween } from './relations.js';
export { consultationStats, STATS_DAYS } from './consultation-stats.js';
export { pairConsultations } from './pair-consultations.js';
