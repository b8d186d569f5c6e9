import { type Consultation, doctorName } from '@telehealth/shared';
import { useEffect, useRef } from 'react';
import { FormAlert } from '../../../components/ui/form-alert';
import { useToast } from '../../../components/ui/toast-context';
import { describeError } from '../../../lib/error-message';
import type { AppSocket } from '../../../lib/socket';
import { useDoctorsDirectory } from '../hooks/use-doctors-directory';
import { usePatientConsultations } from '../hooks/use-patient-consultations';
import { DoctorReadyCard } from './doctor-ready-card';
import { PastConsultations } from './past-consultations';
import { RequestForm } from './request-form';
import { WaitingCard } from './waiting-card';

/** Announces the moment a doctor takes the request, once, even if the page is read by a screen reader. */
function useAcceptedToast(current: Consultation | null) {
  const { show } = useToast();
  const previousStatus = useRef(current?.status);
  useEffect(() => {
    if (previousStatus.current === 'waiting' && current?.status === 'active' && current.doctor)
      show(`${doctorName(current.doctor.name)} is ready for you`, 'success');
    previousStatus.current = current?.status;
  }, [current, show]);
}

/** A patient's home: ask for a consultation, wait in line, meet the doctor, read past notes. */
export function PatientConsultations({ socket }: { socket: AppSocket | null }) {
  const { status, error, current, past, request, cancel, reload } = usePatientConsultations(socket);
  const { doctors, availableCount } = useDoctorsDirectory(socket);
  const { show } = useToast();
  useAcceptedToast(current);

  if (status === 'loading') return <p role="status">Loading your consultations…</p>;
  if (status === 'failed')
    return (
      <div className="stack">
        <FormAlert message={describeError(error)} />
        <button type="button" className="button button-quiet" onClick={() => void reload()}>
          Try again
        </button>
      </div>
    );

  return (
    <div className="stack">
      {current?.status === 'waiting' && (
        <WaitingCard
          consultation={current}
          requestedDoctor={doctors.find((doctor) => doctor.id === current.requestedDoctorId)}
          socket={socket}
          onCancel={async () => {
            await cancel(current.id);
            show('Your request was cancelled', 'info');
          }}
        />
      )}
      {current?.status === 'active' && <DoctorReadyCard consultation={current} />}
      {!current && (
        <RequestForm
          doctors={doctors}
          availableCount={availableCount}
          onSubmit={async (input) => {
            await request(input);
            show('Your request is in the queue', 'success');
          }}
        />
      )}
      <PastConsultations consultations={past} />
    </div>
  );
}
