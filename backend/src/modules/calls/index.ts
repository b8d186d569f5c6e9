// The calls module's public entry.
export { createCallService, type CallService, type CallServiceDeps, type CallRecord } from './call.service.js';
export { createLocalCallRegistry, type CallRegistry, type LiveCall, type LiveCallState } from './call-registry.js';
export { callSocket } from './call.socket.js';
