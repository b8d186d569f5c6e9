import { PatientConsultations } from '../../features/consultations';
import { PendingInstructions } from '../../features/messaging';
import { useRealtime } from '../../features/realtime';
import { Page } from './page';

/**
 * A patient's consultations: ask, wait in the live queue, meet the doctor, read past notes; above
 * them, any instructions from a doctor still to confirm.
 */
export function PatientHome() {
  const { socket } = useRealtime();
  return (
    <Page title="Your consultations">
      <p>Ask for a consultation and a doctor will take you from the queue.</p>
      <PendingInstructions socket={socket} />
      <PatientConsultations socket={socket} />
    </Page>
  );
}
