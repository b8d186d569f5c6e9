// The messages module's public entry.
export {
  createMessageService,
  type ConsultationSpan,
  type MessageService,
  type MessageServiceDeps,
  type RecordCallInput,
} from './message.service.js';
export { messageRoutes } from './message.routes.js';
export { typingSocket } from './typing.socket.js';
