import { Router } from 'express';
import { pingDatabase } from '../../db/database.js';

/** Liveness for load balancers: 200 while the database answers, 503 while it does not. */
export function healthRoutes(): Router {
  return Router().get('/', async (_req, res) => {
    const up = await pingDatabase();
    if (up) res.json({ status: 'ok', db: 'up' });
    else res.status(503).setHeader('Retry-After', '5').json({ status: 'degraded', db: 'down' });
  });
}
