import { oneAtATime, type Consultation } from '@telehealth/shared';
import type { Logger } from '../../lib/logger.js';
import type { PresenceRegistry } from '../../realtime/presence-registry.js';
import { rooms, type RealtimeServer } from '../../realtime/types.js';
import { forPatient, presentWaiting } from './consultation-presenter.js';
import { queueFor } from './queue-order.js';
import type { WaitingLine } from './waiting-line.js';

export interface QueueBroadcastDeps {
  io: RealtimeServer;
  presence: PresenceRegistry;
  logger: Logger;
  line: WaitingLine;
}

/** The one thing each waiting patient is told about their place: what changes when it moves. */
const numbersOf = (consultation: Consultation) => `${consultation.position}:${consultation.estimatedWaitSeconds}`;

/**
 * Sends this instance's doctors their view of the queue, and tells this instance's waiting
 * patients whose numbers moved. `refresh()` answers the presented waiting consultations by id
 * (null if the broadcast failed, which is logged).
 *
 * Local sockets only (`io.local`): every instance holds the same line (each change is applied
 * where it is made and re-read by id everywhere else, and the periodic re-read heals the rest),
 * and every instance broadcasts whenever its line changes, so every socket ends up with the
 * numbers of the converged line whichever instance it is connected to. A cluster-wide broadcast
 * from the changing instance would instead race with the others' and cost a Redis round trip per
 * patient. With one instance, local is everyone.
 *
 * Each doctor's own view, without listing online doctors: views differ only for doctors that some
 * request names, so the view of open requests is sent once to the doctors' room except those
 * doctors, and each named doctor gets the open requests plus their own. That is one serialisation
 * and one room emit for the common case, and at most one emit per named doctor, however long the
 * line. Sending everyone the whole list to filter in the browser would be simpler, but would show
 * every doctor the reasons patients gave when asking for someone else.
 */
export function createQueueBroadcast(deps: QueueBroadcastDeps) {
  const { io, line } = deps;
  // What each waiting patient was last told by this instance, so only those whose numbers moved are told again.
  let lastTold = new Map<string, string>();

  function sendDoctorsTheirViews(queue: readonly Consultation[]): void {
    const named = new Set(
      queue.flatMap((consultation) => (consultation.requestedDoctorId ? [consultation.requestedDoctorId] : [])),
    );
    io.local
      .to(rooms.role('doctor'))
      .except([...named].map(rooms.user))
      .emit('queueUpdated', { consultations: queue.filter((consultation) => consultation.requestedDoctorId === null) });
    for (const doctorId of named)
      io.local.to(rooms.user(doctorId)).emit('queueUpdated', { consultations: queueFor(queue, doctorId) });
  }

  function tellPatientsWhoseNumbersMoved(queue: readonly Consultation[]): void {
    const told = new Map<string, string>();
    for (const consultation of queue) {
      const numbers = numbersOf(consultation);
      told.set(consultation.id, numbers);
      if (lastTold.get(consultation.id) !== numbers)
        io.local.to(rooms.user(consultation.patient.id)).emit('consultationUpdated', forPatient(consultation));
    }
    lastTold = told;
  }

  async function broadcast(): Promise<Map<string, Consultation>> {
    const snapshot = await line.snapshot();
    const queue = await presentWaiting(deps.presence, snapshot.ordered, snapshot);
    sendDoctorsTheirViews(queue);
    tellPatientsWhoseNumbersMoved(queue);
    return new Map(queue.map((consultation) => [consultation.id, consultation]));
  }

  // Broadcasts run one at a time, and changes that arrive during one share the next, so a burst of
  // requests costs two broadcasts, not one each, and the last one always sees the latest state.
  const refresh = oneAtATime(() =>
    broadcast().catch((error: unknown) => {
      deps.logger.error({ err: error }, 'queue broadcast failed');
      return null;
    }),
  );

  return { refresh };
}

export type QueueBroadcast = ReturnType<typeof createQueueBroadcast>;
