import type { Logger } from '../../lib/logger.js';
import type { RealtimeServer } from '../../realtime/types.js';
import { ConsultationModel } from './consultation.model.js';
import type { WaitingLine } from './waiting-line.js';

export interface ConsultationSyncDeps {
  io: RealtimeServer;
  logger: Logger;
  line: WaitingLine;
  /** re-broadcasts the queue from this instance's line (queue-broadcast.ts) */
  refreshQueue: () => Promise<unknown>;
  /** several instances share events through an adapter (Redis); without, every call here is a no-op */
  scaled: boolean;
}

/**
 * Keeps this instance's waiting line in step with the others': what changes here is announced to
 * them as an id, and what they announce is re-read here by `_id` (indexed) and applied.
 */
export function createConsultationSync(deps: ConsultationSyncDeps) {
  const { io, logger, line } = deps;

  /**
   * Another instance changed a consultation: re-read it, apply it, and tell the sockets here.
   * (The consultation's own patient and doctor, if it left the line, were told by the instance
   * that changed it.)
   */
  async function changedElsewhere(id: string): Promise<void> {
    const record = await ConsultationModel.findById(id).lean();
    if (record) line.apply(record);
    else line.forget(id);
    await deps.refreshQueue();
  }

  const onConsultationChanged = (id: string) =>
    void changedElsewhere(id).catch((error: unknown) =>
      logger.error({ err: error }, 'applying a consultation changed elsewhere failed'),
    );
  // Another instance re-read a doctor whose availability changed: so do we.
  const onDoctorChanged = (doctorId: string) =>
    void line.refreshUser(doctorId).catch((error: unknown) => logger.warn({ err: error }, 'refreshing a doctor failed'));
  if (deps.scaled) {
    io.on('consultation-changed', onConsultationChanged);
    io.on('doctor-availability-changed', onDoctorChanged);
  }

  return {
    /** Tells the other instances a consultation changed here. */
    consultationChanged(id: string): void {
      if (deps.scaled) io.serverSideEmit('consultation-changed', id);
    },
    /** Tells the other instances to re-read a doctor (their availability changed). */
    doctorChanged(doctorId: string): void {
      if (deps.scaled) io.serverSideEmit('doctor-availability-changed', doctorId);
    },
    close(): void {
      if (!deps.scaled) return;
      io.off('consultation-changed', onConsultationChanged);
      io.off('doctor-availability-changed', onDoctorChanged);
    },
  };
}

export type ConsultationSync = ReturnType<typeof createConsultationSync>;
