import { Suspense } from 'react';
import { Navigate, useParams } from 'react-router-dom';
import { LoadingScreen } from '../../components/ui/loading-screen';
import { useAuth } from '../../features/auth';
import { FollowUpComposerNotice, FollowUpHint, usePatientFollowUp } from '../../features/consultations';
import { ChatScreen } from '../../features/messaging';
import { badgeTitle, EnableAlertsButton, useAlertPermission } from '../../features/notifications';
import { useRealtime } from '../../features/realtime';
import { CallButton } from '../../features/video-call';
import { HOME_PATH } from '../navigation';
import { useUnseenMessages } from '../unseen-messages';

/** `/messages` and `/messages/:userId`: patients and doctors; an admin takes no part in conversations. */
export function MessagesPage() {
  const { user } = useAuth();
  const { userId } = useParams();
  const { socket } = useRealtime();
  const alerts = useAlertPermission();
  const unseen = useUnseenMessages();
  // A patient's open thread follows the follow-up rule (consultations feature); a doctor is never gated.
  const followUp = usePatientFollowUp(socket, user?.role === 'patient' ? (userId ?? null) : null);
  const gate = followUp.gate;
  if (user?.role === 'admin') return <Navigate to={HOME_PATH.admin} replace />;
  return (
    <>
      {/* The page's one title, "(2) Messages · CareLine" while messages came unseen in a hidden tab; outside Suspense, so it shows while the screen loads. */}
      <title>{badgeTitle('Messages · CareLine', unseen)}</title>
      <Suspense fallback={<LoadingScreen />}>
        {/* The open thread's call button (the video-call feature's) sits in the thread's header: features don't import each other. */}
        {/* New messages are told by the notifications feature (wired in app.tsx); its switch sits in the list's header. */}
        {/* The gate is for the thread the route names, the only one on screen; the callbacks are asked for that one. */}
        <ChatScreen
          threadActions={(peerId) => (
            <CallButton peerId={peerId} disabledReason={gate?.mayCall === false ? 'Calls need an active consultation' : null} />
          )}
          composerNotice={() => (gate && !gate.mayWrite ? <FollowUpComposerNotice gate={gate} doctor={followUp.doctor} /> : null)}
          composerHint={() => (gate?.notice === 'window-open' ? <FollowUpHint gate={gate} /> : null)}
          listActions={
            <EnableAlertsButton permission={alerts.permission} onEnable={alerts.request} noteClassName="alerts-note" />
          }
        />
      </Suspense>
    </>
  );
}
