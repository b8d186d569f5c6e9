import type { Role } from '@telehealth/shared';
import bcrypt from 'bcryptjs';
import { ConsultationModel } from '../src/modules/consultations/consultation.model.js';
import { UserModel } from '../src/modules/users/user.model.js';
import { acceptCurrentConsent } from './consent.js';

/*
 * People and consultations written straight into the database, for tests whose backend is a child
 * process and so has no `createUser` or `consultedPair` of its own (test-server.ts has those).
 * The test connects mongoose to the child's database first.
 */

/** The password of every seeded account: the test signs in with it through the API (`loginTo`). */
export const SEED_PASSWORD = 'correct horse battery';

/** An account with SEED_PASSWORD; returns its id. A patient has accepted the current consent, as test-server.ts's are. */
export async function seedUser(fields: { name: string; email: string; role: Role }): Promise<string> {
  const user = await UserModel.create({ ...fields, passwordHash: await bcrypt.hash(SEED_PASSWORD, 4) });
  if (fields.role === 'patient') await acceptCurrentConsent(user._id.toString());
  return user._id.toString();
}

/** An active consultation between the two, so they may message and call each other. */
export async function seedConsultation(patientId: string, doctorId: string, reason = 'a seeded consultation'): Promise<void> {
  const now = new Date();
  await ConsultationModel.create({
    patientId,
    doctorId,
    reason,
    urgency: 'routine',
    urgencyRank: 1,
    status: 'active',
    createdAt: now,
    acceptedAt: now,
  });
}
