import { isDuplicateKey } from '../../db/duplicate-key.js';
import { errors } from '../../lib/app-error.js';
import { readAccountByEmail, writeEmailRow } from './account-emails.js';
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

/**
 * Whether an account already has this email: `_id` reads when it has (its row); an email nobody
 * has is still a scan on FerretDB (the fallback for accounts without a row, account-emails.ts).
 */
export async function emailTaken(email: string): Promise<boolean> {
  return (await readAccountByEmail(email)) !== undefined;
}

/**
 * Creates an account, then its email row. Two creations racing for one email are settled by the
 * users' unique email index (409), not by the row: the row is written only by the winner, after
 * its user exists. A crash between the two leaves an account without a row, which still signs in
 * (the fallback in account-emails.ts writes the row, as does the next start-up's backfill).
 */
export async function createAccount(fields: NewAccount): Promise<AccountDocument> {
  let user: AccountDocument;
  try {
    user = await UserModel.create({ specialty: '', ...fields });
  } catch (error) {
    if (isDuplicateKey(error)) throw errors.conflict(EMAIL_TAKEN);
    throw error;
  }
  await writeEmailRow(user);
  return user;
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
