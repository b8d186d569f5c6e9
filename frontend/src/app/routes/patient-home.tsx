import { Page } from './page';

/** A patient's consultations: the queue and the conversation come with the consultations feature. */
export function PatientHome() {
  return (
    <Page title="Your consultations">
      <p>Ask for a consultation and a doctor will take you from the queue.</p>
    </Page>
  );
}
