import type { ClientToServerEvents, InterServerEvents, ServerToClientEvents, SocketData } from '@telehealth/shared';
import type { Server, Socket } from 'socket.io';

export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type RealtimeSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/** Room names. Each user's sockets share a room named by the user's id, as the contract says. */
export const rooms = {
  user: (userId: string) => userId,
  session: (sessionId: string) => `session:${sessionId}`,
  role: (role: string) => `role:${role}`,
};

/** A module's socket handlers, registered on every authenticated connection (realtime/socket-server.ts). */
export type SocketModule = (socket: RealtimeSocket) => void;
