import type { Consultation, Relation, Role } from '@telehealth/shared';
import type { Clock } from '../../lib/clock.js';
import type { Logger } from '../../lib/logger.js';
import type { RealtimeServer } from '../../realtime/types.js';
import { createConsultationBoundaries } from './consultation-boundaries.js';
import { createConversationRows } from './conversation-rows.js';
import { createInstructions } from './instructions.js';
import { createMessageAnnouncer } from './message-announcer.js';
import { createMessageCommands } from './message-commands.js';
import { createMessagePermissions } from './message-permissions.js';
import { createMessageQueries } from './message-queries.js';
import { createMessageStore } from './message-store.js';

export type { Viewer } from '../../lib/viewer.js';
export type { ConsultationSpan } from './consultation-boundaries.js';
export type { RecordCallInput, SendOptions, StoredAttachment } from './message-commands.js';

/** What the message service needs, given by `context.ts`. */
export interface MessageServiceDeps {
  io: RealtimeServer;
  clock: Clock;
  logger: Logger;
  /** removes a stored file (files module): an attachment a send did not use, or a deleted message's */
  removeFile(fileId: string): Promise<void>;
  /** an account's role and active flag (the session store's short cache) */
  userStatus(userId: string): Promise<{ role: Role; active: boolean } | undefined>;
  /** whether two people have had a consultation together (consultations module) */
  relationBetween(userA: string, userB: string): Promise<Relation>;
}

/**
 * The consultation thread: storing, ordering, reading and changing messages, and telling both
 * people's open tabs. Routes, sockets and the calls module all go through here. Each job has its
 * file: who may do what (message-permissions.ts), storing in order (message-store.ts), the
 * conversation rows (conversation-rows.ts), shaping for the API (message-presenter.ts), telling the
 * tabs (message-announcer.ts), reads (message-queries.ts) and changes (message-commands.ts), a consultation's start and end in the thread
 * (consultation-boundaries.ts) and the instructions a patient confirms (instructions.ts).
 */
export function createMessageService(deps: MessageServiceDeps) {
  const rows = createConversationRows();
  const permissions = createMessagePermissions(deps);
  const store = createMessageStore(rows);
  const announcer = createMessageAnnouncer(deps.io);
  const queries = createMessageQueries({ permissions });
  const instructions = createInstructions({ clock: deps.clock, permissions, announcer });
  const commands = createMessageCommands({ ...deps, store, permissions, announcer, instructions });
  const boundaries = createConsultationBoundaries({ ...deps, store, announcer });
  return {
    mayMessage: permissions.mayMessage,
    ...queries,
    ...commands,
    confirmInstructions: instructions.confirm,
    pendingInstructions: instructions.pending,
    /** For the consultations module (wired in context.ts): a doctor took or completed a consultation. */
    consultationStarted: (consultation: Consultation) => boundaries.recordEvent('consultation-started', consultation),
    consultationCompleted: (consultation: Consultation) => boundaries.recordEvent('consultation-completed', consultation),
    /** A consultation's messages, for its summary (modules/summaries). */
    consultationWindow: boundaries.windowOf,
    /** A graceful shutdown: tells the next start it need not look for stale rows. */
    close: () => rows.close(),
    /** Brings forward the rows a crash left behind their thread (conversation-rows.ts). */
    healConversations: () => rows.heal(),
  };
}

export type MessageService = ReturnType<typeof createMessageService>;
