import type { Consultation } from '@telehealth/shared';
import { useState, type ReactNode } from 'react';
import { FormAlert } from '../../../components/ui/form-alert';
import { useToast } from '../../../components/ui/toast-context';
import { ApiError } from '../../../lib/api-client';
import { describeError } from '../../../lib/error-message';
import type { AppSocket } from '../../../lib/socket';
import { useAvailability } from '../hooks/use-availability';
import { useDoctorConsultations } from '../hooks/use-doctor-consultations';
import { useDoctorQueue } from '../hooks/use-doctor-queue';
import { ActiveConsultations } from './active-consultations';
import { AvailabilityToggle } from './availability-toggle';
import { QueueList } from './queue-list';
import { WaitingNoteForm } from './waiting-note-form';

export interface DoctorDeskState {
  /** null until first loaded */
  queue: readonly Consultation[] | null;
  available: boolean;
}

interface DoctorDeskProps {
  /** the signed-in doctor: the queue offers Accept only on what the shared policy lets them take */
  doctorId: string;
  socket: AppSocket | null;
  initiallyAvailable: boolean;
  /** after the server accepted a change of availability (the app refreshes its copy of the user) */
  onAvailabilityChanged: () => void;
  /** whatever the app adds beside the switch, given the desk's state (the arrival alerts) */
  toolbar: (state: DoctorDeskState) => ReactNode;
}

/**
 * A doctor's desk: the availability switch, the note to the waiting room, the live queue with
 * Accept, and the active consultations. Default export, loaded lazily, so patients never download it.
 */
export default function DoctorDesk({ doctorId, socket, initiallyAvailable, onAvailabilityChanged, toolbar }: DoctorDeskProps) {
  const { show } = useToast();
  const availability = useAvailability(initiallyAvailable);
  const { queue, error, livePresence, remove } = useDoctorQueue(socket);
  const { active, accept, complete } = useDoctorConsultations(socket);
  const [accepting, setAccepting] = useState<string | null>(null);

  async function onAccept(consultation: Consultation) {
    setAccepting(consultation.id);
    try {
      await accept(consultation.id);
      remove(consultation.id);
      show(`You accepted ${consultation.patient.name}`, 'success');
    } catch (failure) {
      if (failure instanceof ApiError && failure.code === 'CONFLICT') {
        remove(consultation.id);
        show('Another doctor took this request', 'info');
      } else show(describeError(failure), 'error');
    } finally {
      setAccepting(null);
    }
  }

  async function onAvailabilityChange(next: boolean) {
    try {
      await availability.change(next);
      onAvailabilityChanged();
    } catch (failure) {
      show(describeError(failure), 'error');
    }
  }

  return (
    <>
      <div className="toolbar">
        <AvailabilityToggle
          available={availability.available}
          saving={availability.saving}
          onChange={(next) => void onAvailabilityChange(next)}
        />
        {toolbar({ queue, available: availability.available })}
      </div>
      {/* Beside the switch it depends on: only a doctor taking patients may leave one. */}
      <WaitingNoteForm available={availability.available} />
      <div className="desk">
        <section aria-labelledby="queue-heading" className="stack">
          <h2 id="queue-heading">
            Waiting <span className="count">({queue?.length ?? 0})</span>
          </h2>
          {error !== null && <FormAlert message={describeError(error)} />}
          {queue === null ? (
            <p role="status">Loading the queue…</p>
          ) : (
            <QueueList
              doctorId={doctorId}
              queue={queue}
              livePresence={livePresence}
              accepting={accepting}
              onAccept={(item) => void onAccept(item)}
            />
          )}
        </section>
        <ActiveConsultations active={active} onComplete={complete} />
      </div>
    </>
  );
}
