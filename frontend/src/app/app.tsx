import type { ReactNode } from 'react';
import { RouterProvider } from 'react-router-dom';
import { AuthProvider, useAuth } from '../features/auth';
import { HandsFreeGestures } from '../features/gestures';
import { discardOutbox, MessageProvider } from '../features/messaging';
import { useHiddenTabAlerts } from '../features/notifications';
import { RealtimeProvider, usePresence, useRealtime } from '../features/realtime';
import { VideoCallProvider, type CallExtras, type CallPeer } from '../features/video-call';
import { router } from './router';
import { UnseenMessagesContext } from './unseen-messages';

/** Features don't know each other, so the app wires them: the socket follows the signed-in user. */
function RealtimeForSignedInUser({ children }: { children: ReactNode }) {
  const { user, refresh } = useAuth();
  return (
    <RealtimeProvider userId={user?.id ?? null} onSessionEnded={refresh}>
      {children}
    </RealtimeProvider>
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

/**
 * The features a signed-in person uses, wired together here since features don't know each other:
 * messaging and calls listen on the realtime socket and show its presence (one list, for both);
 * messaging tells of new messages through the notifications feature while the tab is hidden (a
 * desktop alert, and the count pages show in their title); admins take no part in conversations.
 * Calls ring on every open tab whatever page it shows: the providers sit above the router.
 */
function SignedInFeatures({ children }: { children: ReactNode }) {
  const { user } = useAuth();
  const { socket, connection } = useRealtime();
  const onlineUserIds = usePresence(socket);
  const { notify, count } = useHiddenTabAlerts();
  const myId = user && user.role !== 'admin' ? user.id : null;
  return (
    <MessageProvider myId={myId} socket={socket} onlineUserIds={onlineUserIds} onAlert={notify}>
      <UnseenMessagesContext value={count}>
        <VideoCallProvider
          socket={socket}
          connected={connection === 'connected'}
          onlineUserIds={onlineUserIds}
          renderCallExtras={gesturesInCall}
          onCallFinished={returnToThread}
        >
          {children}
        </VideoCallProvider>
      </UnseenMessagesContext>
    </MessageProvider>
  );
}

export function App() {
  return (
    <AuthProvider onSignedOut={discardOutbox}>
      <RealtimeForSignedInUser>
        <SignedInFeatures>
          <RouterProvider router={router} />
        </SignedInFeatures>
      </RealtimeForSignedInUser>
    </AuthProvider>
  );
}
