// The client-config module's public entry.
export { clientConfigRoutes } from './client-config.routes.js';
