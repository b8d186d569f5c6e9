import { useEffect, useEffectEvent, useMemo, useState, type ReactNode } from 'react';
import { createSocket } from '../../../lib/socket';
import { RealtimeContext, type ConnectionState, type RealtimeContextValue } from './realtime-context';

interface RealtimeProviderProps {
  /** the signed-in user; the socket lives exactly as long as this session */
  userId: string | null;
  /** called when the server says the session is over; should re-check who is signed in */
  onSessionEnded: () => Promise<void>;
  children: ReactNode;
}

const SIGNED_OUT: RealtimeContextValue = { socket: null, connection: 'offline' };

/** Pause before reopening a socket the server closed, so a server refusing everyone is not hammered. */
const RECONNECT_AFTER_CLOSE_MS = 3_000;

/**
 * Opens the socket after sign-in and closes it on sign-out. Keyed by user, so a different user
 * never inherits the previous one's socket or listeners.
 */
export function RealtimeProvider({ userId, onSessionEnded, children }: RealtimeProviderProps) {
  if (userId === null) return <RealtimeContext value={SIGNED_OUT}>{children}</RealtimeContext>;
  return (
    <UserConnection key={userId} onSessionEnded={onSessionEnded}>
      {children}
    </UserConnection>
  );
}

function UserConnection({ onSessionEnded, children }: Omit<RealtimeProviderProps, 'userId'>) {
  // Created once per user; it connects in the effect, so a discarded render opens nothing.
  const [socket] = useState(createSocket);
  const [connection, setConnection] = useState<ConnectionState>('reconnecting');
  const sessionEnded = useEffectEvent(onSessionEnded);

  useEffect(() => {
    let closed = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    // After the server closed the socket on purpose, ask who is signed in: a revoked session signs
    // out (and this component unmounts); a session still valid gets its socket back.
    const recheckSession = () => {
      void sessionEnded().then(() => {
        if (closed) return;
        clearTimeout(retry);
        retry = setTimeout(() => {
          if (!socket.active) socket.connect();
        }, RECONNECT_AFTER_CLOSE_MS);
      });
    };
    const onConnect = () => setConnection('connected');
    const onDisconnect = (reason: string) => {
      // socket.active: the client will retry by itself; otherwise it gave up (server or client closed it).
      setConnection(socket.active ? 'reconnecting' : 'offline');
      if (reason === 'io server disconnect') recheckSession();
    };
    const onConnectError = () => {
      setConnection(socket.active ? 'reconnecting' : 'offline');
      // A refused handshake (not a network failure) means the cookie no longer opens a session.
      if (!socket.active) recheckSession();
    };
    const onSessionEnd = () => void sessionEnded();

    socket.on('connect', onConnect);
    socket.on('disconnect', onDisconnect);
    socket.on('connect_error', onConnectError);
    socket.on('session-ended', onSessionEnd);
    socket.connect();
    return () => {
      closed = true;
      clearTimeout(retry);
      socket.off('connect', onConnect);
      socket.off('disconnect', onDisconnect);
      socket.off('connect_error', onConnectError);
      socket.off('session-ended', onSessionEnd);
      socket.disconnect();
    };
  }, [socket]);

  const value = useMemo(() => ({ socket, connection }), [socket, connection]);
  return <RealtimeContext value={value}>{children}</RealtimeContext>;
}
