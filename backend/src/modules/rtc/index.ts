// The rtc module's public entry: ICE servers and TURN credentials for calls.
export { rtcRoutes } from './rtc.routes.js';
