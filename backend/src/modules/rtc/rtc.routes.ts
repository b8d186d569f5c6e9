import { Router } from 'express';
import type { Config } from '../../config/config.js';
import type { Clock } from '../../lib/clock.js';
import { endpoint } from '../../lib/endpoint.js';
import { currentUser, requireAuth } from '../../middleware/require-auth.js';
import { iceServersFor } from './turn-credentials.js';

export function rtcRoutes(deps: { config: Config; clock: Clock }): Router {
  const { config, clock } = deps;

  const getIceServers = endpoint({}, async ({ req, res }) => {
    res.json(iceServersFor(currentUser(req).userId, config, clock.now()));
  });

  return Router().get('/ice-servers', requireAuth, getIceServers);
}
