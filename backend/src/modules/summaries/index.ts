// The summaries module's public entry: what a patient takes home from a consultation.
export { summaryRoutes } from './summary.routes.js';
