import { ConsentAcceptanceModel, ConsentVersionModel } from '../src/modules/consent/consent.model.js';
import { DEFAULT_CONSENT_TEXT } from '../src/modules/consent/default-consent.js';

/*
 * A patient must accept the current telehealth consent before asking for a consultation (issue
 * 16). Test patients have accepted it already unless a test says otherwise, so scenarios about
 * something else read as before; the consent scenarios go through the API (consent.test.ts).
 * Written straight into the database (no audit event), like the kit's other people and rows.
 */

/** Records that the patient accepted the newest consent version (seeding version 1 if there is none). */
export async function acceptCurrentConsent(patientId: string, at = new Date()): Promise<number> {
  let newest = await ConsentVersionModel.findOne().sort({ _id: -1 }).lean();
  if (!newest) {
    await ConsentVersionModel.updateOne(
      { _id: 1 },
      { $setOnInsert: { text: DEFAULT_CONSENT_TEXT, updatedAt: at, updatedBy: null } },
      { upsert: true },
    );
    newest = await ConsentVersionModel.findOne().sort({ _id: -1 }).lean();
  }
  const version = newest!._id;
  await ConsentAcceptanceModel.updateOne({ _id: patientId }, { $set: { version, acceptedAt: at } }, { upsert: true });
  return version;
}
