import { isDuplicateKey } from '../../db/duplicate-key.js';
import { errors } from '../../lib/app-error.js';
import { UserModel, type UserDocument, type UserRecord } from './user.model.js';

/*
 * Account writes for the modules that make and change accounts (auth, admin, the seed): the users
 * module owns the model, so these are the only ways in besides its own services. Reads go
 * through user-reads.ts.
 */

export type AccountDocument = UserDocument;

export type NewAccount = Pick<UserRecord, 'name' | 'email' | 'passwordHash' | 'role'> &
  Partial<Pick<UserRecord, 'specialty' | 'bio' | 'available'>>;

const EMAIL_TAKEN = 'An account with this email already exists';

/** Whether an account already has this email (a scan on FerretDB: sign-up and staff creation only). */
export async function emailTaken(email: string): Promise<boolean> {
  return (await UserModel.exists({ email })) !== null;
}

/** Creates an account; two creations racing for one email are settled by the unique index (409). */
export async function createAccount(fields: NewAccount): Promise<AccountDocument> {
  try {
    return await UserModel.create({ specialty: '', ...fields });
  } catch (error) {
    if (isDuplicateKey(error)) throw errors.conflict(EMAIL_TAKEN);
    throw error;
  }
}

/** The conflict a taken email answers, for callers that check `emailTaken` first. */
export const emailTakenError = () => errors.conflict(EMAIL_TAKEN);

/**
 * An account to change and `save()` (by `_id`), password hash included; null if there is none.
 * `save()`, not `updateOne()`: the model's pre-save hook keeps `searchText` in step.
 */
export function loadAccount(id: string): Promise<AccountDocument | null> {
  return UserModel.findById(id).exec();
}

/**
 * A doctor's word to their waiting room (null clears it), written by `_id` alone (any other
 * condition would make it a scan on FerretDB; the route lets only doctors here). The consultations module owns when it is shown (consultation-presenter.ts).
 */
export async function writeWaitingNote(doctorId: string, note: NonNullable<UserRecord['waitingNote']> | null): Promise<void> {
  await UserModel.updateOne({ _id: doctorId }, { $set: { waitingNote: note } });
}
