import type { ConsentAcceptance, ConsentAnswer, ConsentText } from '@telehealth/shared';
import { Types } from 'mongoose';
import { isDuplicateKey } from '../../db/duplicate-key.js';
import { AppError, errors } from '../../lib/app-error.js';
import type { Clock } from '../../lib/clock.js';
import type { Viewer } from '../../lib/viewer.js';
import type { AuditLog } from '../audit/index.js';
import { ConsentAcceptanceModel, ConsentVersionModel, type ConsentVersionRecord } from './consent.model.js';
import { DEFAULT_CONSENT_TEXT } from './default-consent.js';

export interface ConsentServiceDeps {
  clock: Clock;
  audit: AuditLog;
}

/** Who acted, for the audit log. */
export interface ConsentActor {
  userId: string;
  ip: string | undefined;
}

/** A patient's acceptance of the current consent, as a consultation records it. */
export interface AcceptanceOnFile {
  version: number;
  acceptedAt: Date;
}

const toText = (record: ConsentVersionRecord): ConsentText => ({
  version: record._id,
  text: record.text,
  updatedAt: record.updatedAt.toISOString(),
});

const toAcceptance = (acceptance: AcceptanceOnFile): ConsentAcceptance => ({
  version: acceptance.version,
  acceptedAt: acceptance.acceptedAt.toISOString(),
});

/**
 * The newest version. Not a read by `_id` (users/user-reads.ts): which number is newest is the
 * question. The collection holds one row per admin edit, so the scan is of a handful of rows.
 */
async function currentVersion(now: () => Date): Promise<ConsentVersionRecord> {
  const newest = await ConsentVersionModel.findOne().sort({ _id: -1 }).lean();
  if (newest) return newest;
  try {
    return (
      await ConsentVersionModel.create({ _id: 1, text: DEFAULT_CONSENT_TEXT, updatedAt: now(), updatedBy: null })
    ).toObject();
  } catch (error) {
    // Another request seeded it a moment earlier.
    if (isDuplicateKey(error)) return currentVersion(now);
    throw error;
  }
}

/** The patient's latest acceptance, if it is of the current version; null otherwise. */
async function acceptanceOf(patientId: string, now: () => Date): Promise<AcceptanceOnFile | null> {
  const [latest, accepted] = await Promise.all([currentVersion(now), ConsentAcceptanceModel.findById(patientId).lean()]);
  return accepted && accepted.version === latest._id ? { version: accepted.version, acceptedAt: accepted.acceptedAt } : null;
}

/**
 * The clinic's telehealth consent: versioned texts written by admins, and each patient's latest
 * acceptance. A new version asks every patient again (`requireCurrentAcceptance`).
 */
export function createConsentService(deps: ConsentServiceDeps) {
  const now = () => new Date(deps.clock.now());

  const current = () => currentVersion(now);

  return {
    /** The current text, and what this patient last accepted (any version; null for staff). */
    async show(viewer: Viewer): Promise<ConsentAnswer> {
      const [latest, accepted] = await Promise.all([
        current(),
        viewer.role === 'patient' ? ConsentAcceptanceModel.findById(viewer.userId).lean() : null,
      ]);
      return { consent: toText(latest), accepted: accepted ? toAcceptance(accepted) : null };
    },

    /**
     * An admin writes the next version. Its number is the newest + 1 under the unique `_id`: of
     * two admins saving at once, one wins and the other is asked to reload (409).
     */
    async update(actor: ConsentActor, text: string): Promise<ConsentText> {
      const previous = await current();
      try {
        const created = await ConsentVersionModel.create({
          _id: previous._id + 1,
          text,
          updatedAt: now(),
          updatedBy: new Types.ObjectId(actor.userId),
        });
        await deps.audit.record({ actorId: actor.userId, action: 'consent.updated', ...(actor.ip ? { ip: actor.ip } : {}) });
        return toText(created.toObject());
      } catch (error) {
        if (isDuplicateKey(error)) throw errors.conflict('The consent was changed meanwhile; reload it and try again');
        throw error;
      }
    },

    /** A patient accepts the version they read, which must be the current one. */
    async accept(actor: ConsentActor, version: number): Promise<ConsentAcceptance> {
      const latest = await current();
      if (version !== latest._id)
        throw new AppError(
          'CONSENT_OUTDATED',
          `Version ${version} is not the current consent; read version ${latest._id} and accept that one`,
        );
      const acceptedAt = now();
      await ConsentAcceptanceModel.updateOne(
        { _id: new Types.ObjectId(actor.userId) },
        { $set: { version, acceptedAt } },
        { upsert: true },
      );
      await deps.audit.record({ actorId: actor.userId, action: 'consent.accepted', ...(actor.ip ? { ip: actor.ip } : {}) });
      return toAcceptance({ version, acceptedAt });
    },

    /** The acceptance a new consultation request records; CONSENT_REQUIRED (409) without one of the current version. */
    async requireCurrentAcceptance(patientId: string): Promise<AcceptanceOnFile> {
      const accepted = await acceptanceOf(patientId, now);
      if (accepted) return accepted;
      throw new AppError(
        'CONSENT_REQUIRED',
        'Please read and accept the clinic’s current telehealth consent before asking for a consultation',
      );
    },
  };
}

export type ConsentService = ReturnType<typeof createConsentService>;
