import { Router } from 'express';
import type { Config } from '../../config/config.js';
import { endpoint } from '../../lib/endpoint.js';
import { requireAuth } from '../../middleware/require-auth.js';

/** What the browser needs to know that only the server's configuration decides. */
export interface ClientConfigAnswer {
  /** the MediaPipe gesture model (`GESTURE_MODEL_URL`), served from our own origin by default */
  gestureModelUrl: string;
  /** days a patient may still write to a doctor after a consultation (`FOLLOW_UP_DAYS`), for the shared follow-up rule */
  followUpDays: number;
}

export function clientConfigRoutes(deps: { config: Config }): Router {
  const { config } = deps;

  const getClientConfig = endpoint({}, async ({ res }) => {
    const answer: ClientConfigAnswer = { gestureModelUrl: config.gestureModelUrl, followUpDays: config.followUpDays };
    res.json(answer);
  });

  return Router().get('/', requireAuth, getClientConfig);
}
