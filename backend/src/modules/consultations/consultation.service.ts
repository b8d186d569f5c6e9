import type { Consultation } from '@telehealth/shared';
import type { Clock } from '../../lib/clock.js';
import type { Logger } from '../../lib/logger.js';
import type { PresenceRegistry } from '../../realtime/presence-registry.js';
import type { RealtimeServer } from '../../realtime/types.js';
import { createConsultationCommands } from './consultation-commands.js';
import { createConsultationQueries } from './consultation-queries.js';
import { createConsultationSync } from './consultation-sync.js';
import { consultationsWith } from './consultations-with.js';
import { createQueueBroadcast } from './queue-broadcast.js';
import { createWaitingLine } from './waiting-line.js';

/** What the consultation service needs, given by `context.ts`. */
export interface ConsultationServiceDeps {
  clock: Clock;
  io: RealtimeServer;
  presence: PresenceRegistry;
  logger: Logger;
  /** several instances share events through an adapter (Redis): changes are announced to the others */
  scaled?: boolean;
  /** how often the waiting line is re-read from the database (tests shorten it) */
  queueReloadIntervalMs?: number;
  /** the patient's acceptance of the current consent, or CONSENT_REQUIRED (consent module) */
  requireConsent: (patientId: string) => Promise<{ version: number; acceptedAt: Date }>;
  /** told after a doctor takes or completes a consultation (the messages module marks it in the thread) */
  onStarted: (consultation: Consultation) => Promise<void>;
  onCompleted: (consultation: Consultation) => Promise<void>;
}

/**
 * The consultation queue: patients ask, doctors take, complete, patients cancel. Every change is
 * made with one conditional write (so two doctors racing for one request cannot both win,
 * consultation-commands.ts), applied to the waiting line this instance holds (waiting-line.ts),
 * announced to the other instances (consultation-sync.ts), then the queue is re-broadcast
 * (queue-broadcast.ts): `queueUpdated` to doctors and `consultationUpdated` to each waiting
 * patient whose place or estimate moved. Reads are in consultation-queries.ts. See docs/queue.md.
 */
export function createConsultationService(deps: ConsultationServiceDeps) {
  const { io, presence, logger } = deps;
  const line = createWaitingLine({
    logger,
    ...(deps.queueReloadIntervalMs ? { reloadIntervalMs: deps.queueReloadIntervalMs } : {}),
    onReloadChanged: () => void broadcast.refresh(),
  });
  const broadcast = createQueueBroadcast({ io, presence, logger, line });
  const sync = createConsultationSync({ io, logger, line, refreshQueue: broadcast.refresh, scaled: deps.scaled ?? false });

  return {
    ...createConsultationCommands({
      clock: deps.clock,
      io,
      line,
      broadcast,
      sync,
      requireConsent: deps.requireConsent,
      onStarted: deps.onStarted,
      onCompleted: deps.onCompleted,
    }),
    ...createConsultationQueries({ line, presence }),
    consultationsWith,

    /**
     * Re-reads the waiting line from the database now, and re-broadcasts it if it changed: for
     * changes written straight to the database (tests, fixtures), which otherwise show within the
     * periodic re-read.
     */
    async reloadQueue(): Promise<void> {
      if (await line.reload()) await broadcast.refresh();
    },

    close(): void {
      line.close();
      sync.close();
    },
  };
}

export type ConsultationService = ReturnType<typeof createConsultationService>;
