import { Page } from './page';

/** A doctor's queue: filled in by the consultations feature. */
export function DoctorHome() {
  return (
    <Page title="Patient queue">
      <p>Patients waiting for a doctor appear here, urgent ones first.</p>
    </Page>
  );
}
