import { lazy } from 'react';

// The consultations feature's public face: the app composes these with the socket and the user it
// owns, and imports nothing from the feature's folders directly.
export { PatientConsultations } from './components/patient-consultations';
export type { DoctorDeskState } from './components/doctor-desk';
/** A patient's follow-up window with one doctor (the shared rule), for the thread's composer and call button. */
export { usePatientFollowUp, type PatientFollowUp } from './hooks/use-follow-up-gate';
export { FollowUpComposerNotice, FollowUpHint } from './components/follow-up-notice';
export type { FollowUpGate } from './logic/follow-up-gate';

/** The doctor's desk, in a chunk of its own: a patient's browser never downloads it. */
export const DoctorDesk = lazy(() => import('./components/doctor-desk'));
