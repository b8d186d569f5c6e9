import { Suspense } from 'react';
import { LoadingScreen } from '../../components/ui/loading-screen';
import { useAuth } from '../../features/auth';
import { DoctorDesk, type DoctorDeskState } from '../../features/consultations';
import { badgeTitle, EnableAlertsButton, useAttentionAlerts, useNewArrivals, usePageHidden } from '../../features/notifications';
import { useRealtime } from '../../features/realtime';

const TITLE = 'Patient queue';

/**
 * Arrival alerts for the queue, while the doctor is available: a beep and a desktop notification
 * for each new patient, and the waiting count in the tab title while the tab is in the background.
 * The app joins the two features here, since features don't import each other.
 */
function QueueAlerts({ queue, available }: DoctorDeskState) {
  const alerts = useAttentionAlerts();
  const hidden = usePageHidden();
  useNewArrivals(queue, available, (consultation) =>
    alerts.alert({
      title: consultation.urgency === 'urgent' ? 'Urgent: a patient is waiting' : 'A patient is waiting',
      body: `${consultation.patient.name} (${consultation.urgency}): ${consultation.reason}`,
      tag: `queue-${consultation.id}`,
    }),
  );
  const badge = hidden && available ? (queue?.length ?? 0) : 0;
  return (
    <>
      <title>{badgeTitle(`${TITLE} · CareLine`, badge)}</title>
      <EnableAlertsButton permission={alerts.permission} onEnable={alerts.requestPermission} />
      {!alerts.canSound && <p className="muted">Arrival sounds start after your first click or key press on this page.</p>}
    </>
  );
}

/** A doctor's home: the live queue, their consultations, and arrival alerts. */
export function DoctorHome() {
  const { user, refresh } = useAuth();
  const { socket } = useRealtime();
  if (!user) return null;
  return (
    <section className="page">
      <h1>{TITLE}</h1>
      <Suspense fallback={<LoadingScreen />}>
        <DoctorDesk
          doctorId={user.id}
          socket={socket}
          initiallyAvailable={user.available ?? false}
          onAvailabilityChanged={() => void refresh()}
          toolbar={(state) => <QueueAlerts {...state} />}
        />
      </Suspense>
    </section>
  );
}
