import mongoose, { Schema, type Types } from 'mongoose';

/**
 * Which account has an email: one row per account, keyed by the email, so the login's lookup is an
 * `_id` read (the only filter FerretDB answers from an index) instead of a scan of every user.
 *
 * The row is an index, not the truth: `users.email` (with its unique index) stays the record, and a
 * row is believed only when the user it names still has that email (account-emails.ts).
 */
export interface AccountEmailRecord {
  /** the email exactly as `users.email` stores it (lower-cased at the edge by the shared schema) */
  _id: string;
  userId: Types.ObjectId;
}

const accountEmailSchema = new Schema<AccountEmailRecord>(
  {
    _id: { type: String, required: true },
    userId: { type: Schema.Types.ObjectId, required: true },
  },
  { versionKey: false },
);

export const AccountEmailModel = mongoose.model<AccountEmailRecord>('AccountEmail', accountEmailSchema);

/** The row for an account: the one shape, for the app and for seeds that write users with the driver. */
export function accountEmailRow(user: { _id: Types.ObjectId; email: string }): AccountEmailRecord {
  return { _id: user.email, userId: user._id };
}
