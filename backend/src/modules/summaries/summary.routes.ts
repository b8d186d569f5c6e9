import { Router } from 'express';
import { idParamsSchema } from '@telehealth/shared';
import { endpoint } from '../../lib/endpoint.js';
import { currentUser, requireRole } from '../../middleware/require-auth.js';
import { consultationSummary, type SummaryDeps } from './consultation-summary.js';

/** `/api/consultations/:id/summary`, mounted beside the consultations' own routes. */
export function summaryRoutes(deps: SummaryDeps): Router {
  const showSummary = endpoint({ params: idParamsSchema }, async ({ params, req, res }) => {
    res.json({ summary: await consultationSummary(deps, currentUser(req), params.id) });
  });

  return Router().get('/:id/summary', requireRole('patient', 'doctor'), showSummary);
}
