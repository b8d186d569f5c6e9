import { Router } from 'express';
import type { Config } from '../../config/config.js';
import { endpoint } from '../../lib/endpoint.js';
import { requireAuth } from '../../middleware/require-auth.js';

/** What the browser needs to know that only the server's configuration decides. */
export interface ClientConfigAnswer {
  /** the MediaPipe gesture model (`GESTURE_MODEL_URL`), served from our own origin by default */
  gestureModelUrl: string;
}

export function clientConfigRoutes(deps: { config: Config }): Router {
  const { config } = deps;

  const getClientConfig = endpoint({}, async ({ res }) => {
    const answer: ClientConfigAnswer = { gestureModelUrl: config.gestureModelUrl };
    res.json(answer);
  });

  return Router().get('/', requireAuth, getClientConfig);
}
