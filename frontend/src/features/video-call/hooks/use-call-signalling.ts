import type { AppSocket } from '../../../lib/socket';
import { useSocketEvents } from '../../../lib/use-socket-events';
import { callEventHandlers, type CallEventDeps } from '../flows/call-event-handlers';

/**
 * Listens to the server's call events on this socket (`callEventHandlers`): subscribed once per
 * socket, each event handled with the latest render's state, every listener removed on cleanup.
 */
export function useCallSignalling(socket: AppSocket | null, deps: CallEventDeps): void {
  useSocketEvents(socket, callEventHandlers(deps));
}
