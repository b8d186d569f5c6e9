import { doctorName as titled, type Consultation, type Message, type SystemEvent } from '@telehealth/shared';
import mongoose, { Schema, Types } from 'mongoose';
import type { Clock } from '../../lib/clock.js';
import type { Logger } from '../../lib/logger.js';
import type { MessageAnnouncer } from './message-announcer.js';
import { newMessage } from './message-commands.js';
import { MessageModel, pairKeyOf, type MessageRecord } from './message.model.js';
import { presentMessage, toMessage } from './message-presenter.js';
import type { MessageStore } from './message-store.js';
import { endOfThread, readPlaces } from './thread-pages.js';

/** A summary reads at most this many messages of one consultation. */
const WINDOW_LIMIT = 1000;

/**
 * Where a consultation sits in its thread: the places (`seq`) of its "started" and "completed"
 * entries. One small row per consultation, read by `_id` (an index lookup even on FerretDB's
 * SQLite backend), so a summary reads the messages between the two places without first searching
 * the thread for its entries.
 */
interface ConsultationWindowRecord {
  /** the consultation's id */
  _id: string;
  pairKey: string;
  startedSeq?: number;
  completedSeq?: number;
}

const ConsultationWindowModel = mongoose.model<ConsultationWindowRecord>(
  'ConsultationWindow',
  new Schema<ConsultationWindowRecord>(
    {
      _id: { type: String, required: true },
      pairKey: { type: String, required: true },
      startedSeq: Number,
      completedSeq: Number,
    },
    { versionKey: false },
  ),
);

export interface BoundaryDeps {
  clock: Clock;
  logger: Logger;
  store: MessageStore;
  announcer: MessageAnnouncer;
}

function entryText(event: SystemEvent, consultation: Consultation, doctorName: string): string {
  return event === 'consultation-started'
    ? `Consultation started — ${titled(doctorName)} — ${consultation.reason}`
    : 'Consultation completed';
}

/**
 * Marks a consultation's start or end in the pair's thread (for the consultations module, wired in
 * context.ts): a `system` message stored in its place like any other, so it is announced, caught up
 * and listed. Its clientId holds a `:`, which `clientIdSchema` refuses, so no client can take it
 * first; the same event twice stores one entry. A failure here is logged, never thrown: the
 * consultation has changed already, and its summary falls back to its times (`windowOf`).
 */
async function recordEvent(deps: BoundaryDeps, event: SystemEvent, consultation: Consultation): Promise<void> {
  const { doctor, patient } = consultation;
  if (!doctor) return;
  try {
    const at = deps.clock.now();
    const { record } = await deps.store.store(
      newMessage(at, {
        clientId: `system:${event}:${consultation.id}`,
        // Born read: a mark in the thread, not a message from the doctor, so it counts as no one's unread.
        readAt: new Date(at),
        kind: 'system',
        senderId: new Types.ObjectId(doctor.id),
        receiverId: new Types.ObjectId(patient.id),
        text: entryText(event, consultation, doctor.name),
        system: {
          event,
          consultationId: new Types.ObjectId(consultation.id),
          doctorName: doctor.name,
          reason: consultation.reason,
        },
      }),
    );
    const place = event === 'consultation-started' ? { startedSeq: record.seq } : { completedSeq: record.seq };
    await ConsultationWindowModel.updateOne(
      { _id: consultation.id },
      { $set: { pairKey: record.pairKey, ...place } },
      { upsert: true },
    );
    deps.announcer.announceNew(await presentMessage(record));
  } catch (error) {
    deps.logger.error({ err: error, consultationId: consultation.id, event }, 'could not mark the consultation in its thread');
  }
}

/** What `windowOf` needs to know about a consultation. */
export interface ConsultationSpan {
  consultationId: string;
  patientId: string;
  doctorId: string;
  acceptedAt: Date;
  completedAt: Date | null;
}

/**
 * The messages of a consultation, in thread order: those between its two entries, a bounded range
 * of places read by `_id` (thread-pages.ts). A consultation without them (one older than the
 * entries, or whose entry failed to store) is read by its times instead, a query over the thread.
 * Reply previews are left out: a summary lists, it does not quote.
 */
async function windowOf(span: ConsultationSpan): Promise<Message[]> {
  const row = await ConsultationWindowModel.findById(span.consultationId).lean();
  const pairKey = pairKeyOf(span.patientId, span.doctorId);
  const found =
    row?.startedSeq !== undefined && (row.completedSeq !== undefined || !span.completedAt)
      ? await placesBetween(pairKey, row.startedSeq, row.completedSeq)
      : await messagesByTime(pairKey, span);
  return found.filter((record) => record.kind !== 'system').map((record) => toMessage(record, null));
}

async function placesBetween(pairKey: string, startedSeq: number, completedSeq: number | undefined): Promise<MessageRecord[]> {
  const last = completedSeq !== undefined ? completedSeq - 1 : await endOfThread(pairKey);
  return readPlaces(pairKey, startedSeq + 1, Math.min(last, startedSeq + WINDOW_LIMIT));
}

async function messagesByTime(pairKey: string, span: ConsultationSpan): Promise<MessageRecord[]> {
  const createdAt = { $gte: span.acceptedAt, ...(span.completedAt ? { $lte: span.completedAt } : {}) };
  return MessageModel.find({ pairKey, createdAt: mongoose.trusted(createdAt) })
    .sort({ seq: 1 })
    .limit(WINDOW_LIMIT)
    .lean<MessageRecord[]>();
}

/** A consultation's start and end in its thread, and the messages between them. */
export function createConsultationBoundaries(deps: BoundaryDeps) {
  return {
    recordEvent: (event: SystemEvent, consultation: Consultation) => recordEvent(deps, event, consultation),
    windowOf,
  };
}
