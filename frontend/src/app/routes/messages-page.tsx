import { Suspense } from 'react';
import { Navigate } from 'react-router-dom';
import { LoadingScreen } from '../../components/ui/loading-screen';
import { useAuth } from '../../features/auth';
import { ChatScreen } from '../../features/messaging';
import { CallButton } from '../../features/video-call';
import { HOME_PATH } from '../navigation';

/** `/messages` and `/messages/:userId`: patients and doctors; an admin takes no part in conversations. */
export function MessagesPage() {
  const { user } = useAuth();
  if (user?.role === 'admin') return <Navigate to={HOME_PATH.admin} replace />;
  return (
    <Suspense fallback={<LoadingScreen />}>
      {/* The open thread's call button (the video-call feature's) sits in the thread's header: features don't import each other. */}
      <ChatScreen threadActions={(peerId) => <CallButton peerId={peerId} />} />
    </Suspense>
  );
}
