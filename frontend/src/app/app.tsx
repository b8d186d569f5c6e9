import type { ReactNode } from 'react';
import { RouterProvider } from 'react-router-dom';
import { AuthProvider, useAuth } from '../features/auth';
import { HandsFreeGestures } from '../features/gestures';
import { discardOutbox, MessageProvider } from '../features/messaging';
import { RealtimeProvider, useRealtime } from '../features/realtime';
import { VideoCallProvider, type CallExtras, type CallPeer } from '../features/video-call';
import { router } from './router';

/** Features don't know each other, so the app wires them: the socket follows the signed-in user. */
function RealtimeForSignedInUser({ children }: { children: ReactNode }) {
  const { user, refresh } = useAuth();
  return (
    <RealtimeProvider userId={user?.id ?? null} onSessionEnded={refresh}>
      {children}
    </RealtimeProvider>
  );
}

/** Messaging listens on the same socket; admins take no part in conversations. */
function MessagingForSignedInUser({ children }: { children: ReactNode }) {
  const { user } = useAuth();
  const { socket } = useRealtime();
  const myId = user && user.role !== 'admin' ? user.id : null;
  return (
    <MessageProvider myId={myId} socket={socket}>
      {children}
    </MessageProvider>
  );
}

/** After a call, back to the conversation with that person, where the call's trace now is. */
function returnToThread(peer: CallPeer) {
  const path = `/messages/${peer.id}`;
  if (router.state.location.pathname !== path) void router.navigate(path);
}

/** Hands-free gestures live in their own feature; the call screen lends them its video and two actions. */
const gesturesInCall: CallExtras = ({ localVideo, muted, toggleMute, hangUp }) => (
  <HandsFreeGestures video={localVideo} muted={muted} onToggleMute={toggleMute} onHangUp={hangUp} />
);

/** Calls ring on every open tab whatever page it shows: the provider sits above the router. */
function CallsForSignedInUser({ children }: { children: ReactNode }) {
  const { socket, connection } = useRealtime();
  return (
    <VideoCallProvider socket={socket} connected={connection === 'connected'} renderCallExtras={gesturesInCall} onCallFinished={returnToThread}>
      {children}
    </VideoCallProvider>
  );
}

export function App() {
  return (
    <AuthProvider onSignedOut={discardOutbox}>
      <RealtimeForSignedInUser>
        <MessagingForSignedInUser>
          <CallsForSignedInUser>
            <RouterProvider router={router} />
          </CallsForSignedInUser>
        </MessagingForSignedInUser>
      </RealtimeForSignedInUser>
    </AuthProvider>
  );
}
