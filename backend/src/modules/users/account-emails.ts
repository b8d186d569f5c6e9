import mongoose, { type Types } from 'mongoose';
import { isDuplicateKey } from '../../db/duplicate-key.js';
import { hasMarker, setMarker } from '../../db/markers.js';
import { createBatchLoader, createIdLoader } from '../../lib/batch-loader.js';
import { AccountEmailModel, accountEmailRow, type AccountEmailRecord } from './account-email.model.js';
import { UserModel, type UserRecord } from './user.model.js';

/*
 * Finding an account by its email with `_id` reads only: the email's row (account-email.model.ts),
 * then the user it names. On FerretDB a query on `users.email` is a scan of every account, and a
 * login burst made of such scans is what slowed message delivery (docs/performance.md).
 *
 * Who guards what: the unique index on `users.email` still settles two registrations racing for
 * one email; the row is written after the user, by whoever created it, and every writer writes the
 * id of the account that has the email. So a row can only be missing (accounts stored before the
 * rows, a crash between the two writes, a seed writing users with the driver) or name an account
 * that no longer has the email. Either way the lookup falls back to the old query on `email` and
 * rewrites the row, so nobody is locked out while the start-up backfill runs, or ever.
 */

const rows = createIdLoader<string, AccountEmailRecord>(
  async (email) => (await AccountEmailModel.findById(email).lean<AccountEmailRecord>()) ?? undefined,
);

const accountsById = createIdLoader<string, UserRecord>(
  async (id) => (await UserModel.findById(id).lean<UserRecord>()) ?? undefined,
);

// The fallback: a scan on FerretDB, so lookups arriving together share one.
const accountsByEmail = createBatchLoader<string, UserRecord>(async (emails) => {
  const users = await UserModel.find({ email: mongoose.trusted({ $in: emails }) }).lean<UserRecord[]>();
  return new Map(users.map((user) => [user.email, user]));
});

/** The account behind an email, password hash included (login, and whether an email is taken). */
export async function readAccountByEmail(email: string): Promise<UserRecord | undefined> {
  const row = await rows.load(email);
  if (row) {
    const user = await accountsById.load(row.userId.toString());
    if (user?.email === email) return user;
  }
  const user = await accountsByEmail.load(email);
  if (user) await writeEmailRow(user);
  return user;
}

/**
 * Points the email's row at this account (by `_id`, created if missing). Only for the account that
 * has the email now: the users' unique index decided that before this is called.
 */
export async function writeEmailRow(user: { _id: Types.ObjectId; email: string }): Promise<void> {
  const { _id, userId } = accountEmailRow(user);
  const write = () => AccountEmailModel.updateOne({ _id }, { $set: { userId } }, { upsert: true });
  try {
    await write();
  } catch (error) {
    // Two upserts creating one row at once: one inserts, the other is refused; it now finds the row.
    if (!isDuplicateKey(error)) throw error;
    await write();
  }
}

const INSERT_BATCH = 1_000;

/** marker (db/markers.ts): every account has had its row since the last full backfill */
const EMAIL_ROWS_COMPLETE = 'accounts:email-rows';

/**
 * Start-up's call: the backfill once per database, not at every start (two scans of 10,000 rows
 * competed with the first minute of traffic). Accounts created since are given their row by
 * `createAccount`; one written some other way (a seed, a test's helper) still logs in, through the
 * fallback in `readAccountByEmail`, which writes its row.
 */
export async function backfillEmailRowsOnce(): Promise<number> {
  if (await hasMarker(EMAIL_ROWS_COMPLETE)) return 0;
  const written = await backfillEmailRows();
  await setMarker(EMAIL_ROWS_COMPLETE);
  return written;
}

/**
 * One pass at start-up, in the background: every account gets its row, and a row naming another
 * account than the one with the email is corrected. Resolves with how many rows it wrote. Reads the
 * rows before the users: a registration writes its user before its row, so every row seen here has
 * its user in the pass over users. Cost: one scan of the rows and one of the users (two fields
 * each), then inserts in batches; once every account has its row, it writes nothing.
 */
export async function backfillEmailRows(): Promise<number> {
  const existing = await AccountEmailModel.find({}, { userId: 1 }).lean<AccountEmailRecord[]>();
  const owners = new Map(existing.map((row) => [row._id, row.userId.toString()]));
  const missing: AccountEmailRecord[] = [];
  const misdirected: { row: AccountEmailRecord; was: string }[] = [];
  const users = UserModel.find({}, { _id: 1, email: 1 }).lean<Pick<UserRecord, '_id' | 'email'>[]>().cursor({ batchSize: 5_000 });
  for await (const user of users) {
    const owner = owners.get(user.email);
    if (owner === undefined) missing.push(accountEmailRow(user));
    else if (owner !== user._id.toString()) misdirected.push({ row: accountEmailRow(user), was: owner });
  }
  for (let start = 0; start < missing.length; start += INSERT_BATCH)
    await insertUnlessPresent(missing.slice(start, start + INSERT_BATCH));
  // Conditional on the id that was read, so a row rewritten meanwhile is left as it is now.
  for (const { row, was } of misdirected)
    await AccountEmailModel.updateOne({ _id: row._id, userId: was }, { $set: { userId: row.userId } });
  return missing.length + misdirected.length;
}

/** Inserts the rows; one a registration wrote meanwhile is refused by `_id` and kept. */
async function insertUnlessPresent(batch: AccountEmailRecord[]): Promise<void> {
  try {
    await AccountEmailModel.insertMany(batch, { ordered: false, lean: true });
  } catch (error) {
    if (!onlyDuplicates(error)) throw error;
  }
}

function onlyDuplicates(error: unknown): boolean {
  const { writeErrors } = (error ?? {}) as { writeErrors?: unknown };
  const list: unknown[] = Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : [];
  return list.length > 0 && list.every(isDuplicateKey);
}
