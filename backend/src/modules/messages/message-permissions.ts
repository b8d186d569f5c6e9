import { canMessage, FOLLOW_UP_DAYS, mayPatientWrite, takesPart, type Relation, type Role } from '@telehealth/shared';
import { Types } from 'mongoose';
import { AppError, errors } from '../../lib/app-error.js';
import type { Clock } from '../../lib/clock.js';
import { pairConsultations } from '../consultations/index.js';
import type { Viewer } from '../../lib/viewer.js';
import { ConversationModel, MessageModel, pairKeyOf, type MessageRecord } from './message.model.js';

export interface MessagePermissionDeps {
  /** an account's role and active flag, from the session store's short cache (asked for every message) */
  userStatus(userId: string): Promise<{ role: Role; active: boolean } | undefined>;
  /** whether two people have had a consultation together (consultations module) */
  relationBetween(userA: string, userB: string): Promise<Relation>;
  clock: Clock;
  /** FOLLOW_UP_DAYS (config), given by context.ts beside MessageServiceDeps; the shared default without */
  followUpDays?: number;
}

export type MessagePermissions = ReturnType<typeof createMessagePermissions>;

/** Who may write, read and change what in a thread: the shared `canMessage` and `takesPart`, asked with what the database knows. */
export function createMessagePermissions(deps: MessagePermissionDeps) {
  async function mayMessage(senderId: string, receiverId: string): Promise<boolean> {
    if (senderId === receiverId || !Types.ObjectId.isValid(receiverId)) return false;
    const party = async (id: string) => {
      const user = await deps.userStatus(id);
      return user ? { id, role: user.role, active: user.active } : undefined;
    };
    const [sender, receiver] = await Promise.all([party(senderId), party(receiverId)]);
    if (!sender || !receiver) return false;
    return canMessage(sender, receiver, await deps.relationBetween(senderId, receiverId));
  }

  return {
    mayMessage,

    async assertMayMessage(senderId: string, receiverId: string): Promise<void> {
      if (!(await mayMessage(senderId, receiverId))) throw errors.forbidden('You cannot message this person');
      // A patient writes to a doctor during a consultation and its follow-up window (shared/src/policies/follow-up.ts).
      if ((await deps.userStatus(senderId))?.role !== 'patient') return;
      const consultations = await pairConsultations(senderId, receiverId);
      if (!mayPatientWrite(consultations, deps.clock.now(), deps.followUpDays ?? FOLLOW_UP_DAYS))
        throw new AppError(
          'FOLLOW_UP_ENDED',
          'The follow-up window of your last consultation with this doctor has closed; ask for a new consultation to write to them again',
        );
    },

    /** Reading a thread: whoever may message the other, or has a history with them (an account since deactivated). */
    async assertMayRead(viewer: Viewer, partnerId: string): Promise<void> {
      if (await mayMessage(viewer.userId, partnerId)) return;
      if (viewer.userId !== partnerId && (await ConversationModel.exists({ _id: pairKeyOf(viewer.userId, partnerId) }))) return;
      throw errors.forbidden('You cannot read messages with this person');
    },

    /** A message the viewer takes part in; anyone else learns nothing, not even that it exists. */
    async findOwn(viewer: Viewer, messageId: string): Promise<MessageRecord> {
      const record = await MessageModel.findById(messageId).lean();
      if (!record || !takesPart(viewer.userId, [record.senderId.toString(), record.receiverId.toString()]))
        throw errors.notFound('No such message');
      return record;
    },

    /** A message of this conversation (for cursors, replies and receipts): its place, or 404. */
    async placeInThread(pairKey: string, messageId: string): Promise<number> {
      const record = await MessageModel.findById(messageId, { pairKey: 1, seq: 1 }).lean();
      if (!record || record.pairKey !== pairKey) throw errors.notFound('No such message in this conversation');
      return record.seq;
    },
  };
}
