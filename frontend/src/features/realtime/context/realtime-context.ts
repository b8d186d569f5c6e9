import { createContext, useContext } from 'react';
import type { AppSocket } from '../../../lib/socket';

/** `reconnecting` covers the first attempt too: either way the app is trying to reach the server. */
export type ConnectionState = 'connected' | 'reconnecting' | 'offline';

export interface RealtimeContextValue {
  /** null while signed out */
  socket: AppSocket | null;
  connection: ConnectionState;
}

export const RealtimeContext = createContext<RealtimeContextValue | null>(null);

/** The signed-in user's socket and whether it is connected. */
export function useRealtime(): RealtimeContextValue {
  const value = useContext(RealtimeContext);
  if (!value) throw new Error('useRealtime must be used inside <RealtimeProvider>');
  return value;
}
