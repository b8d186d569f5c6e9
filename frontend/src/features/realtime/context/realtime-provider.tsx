import type { SessionEndReason } from '@telehealth/shared';
import { useEffect, useEffectEvent, useMemo, useState, type ReactNode } from 'react';
import { ApiError } from '../../../lib/api-client';
import { createSocket, fetchSocketTicket, type AppSocket } from '../../../lib/socket';
import { RealtimeContext, type ConnectionState, type RealtimeContextValue } from './realtime-context';

interface RealtimeProviderProps {
  /** the signed-in user; the socket lives exactly as long as this session */
  userId: string | null;
  /** called when the server says the session is over (with its reason when it gave one); should re-check who is signed in */
  onSessionEnded: (because?: SessionEndReason) => Promise<void>;
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
  const socket = useSocketFromFirstTicket(onSessionEnded);
  const connection = useConnectionState(socket, onSessionEnded);
  const value = useMemo(() => ({ socket, connection }), [socket, connection]);
  return <RealtimeContext value={value}>{children}</RealtimeContext>;
}

/**
 * The socket, created once the first ticket has said where to open it (null until then): the API's
 * origin in the split deployment, this page's otherwise. A 401 means the session is over; any other
 * failure is asked again.
 */
function useSocketFromFirstTicket(onSessionEnded: (because?: SessionEndReason) => Promise<void>): AppSocket | null {
  const [socket, setSocket] = useState<AppSocket | null>(null);
  const sessionEnded = useEffectEvent(onSessionEnded);
  useEffect(() => {
    let cancelled = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const ask = () => {
      fetchSocketTicket().then(
        (answer) => {
          if (!cancelled) setSocket(createSocket(answer));
        },
        (error: unknown) => {
          if (cancelled) return;
          if (error instanceof ApiError && error.status === 401) return void sessionEnded();
          retry = setTimeout(ask, RECONNECT_AFTER_CLOSE_MS);
        },
      );
    };
    ask();
    return () => {
      cancelled = true;
      clearTimeout(retry);
    };
  }, []);
  return socket;
}

/** Connects the socket, follows its state, and asks who is signed in when the server closes it. */
function useConnectionState(
  socket: AppSocket | null,
  onSessionEnded: (because?: SessionEndReason) => Promise<void>,
): ConnectionState {
  const [connection, setConnection] = useState<ConnectionState>('reconnecting');
  const sessionEnded = useEffectEvent(onSessionEnded);

  useEffect(() => {
    if (!socket) return;
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
      // A refused handshake (not a network failure) means the ticket opened no session.
      if (!socket.active) recheckSession();
    };
    const onSessionEnd = ({ reason }: { reason: SessionEndReason }) => void sessionEnded(reason);

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

  return connection;
}
