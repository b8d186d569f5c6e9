import mongoose, { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/test-server.js';
import { AccountEmailModel } from './account-email.model.js';
import { backfillEmailRows } from './account-emails.js';
import { emailTaken } from './user-accounts.js';
import { UserModel } from './user.model.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

const PASSWORD = 'a good password';
let counter = 0;
const newEmail = (label: string) => `${label}-${(counter += 1)}@email-rows.test`;

function register(email: string) {
  return server.request.post('/api/auth/register').send({ name: 'Row Patient', email, password: PASSWORD });
}

/** An account written as the app wrote them before email rows existed: a user and nothing else. */
async function insertAccountFromBefore(email: string): Promise<string> {
  const user = await UserModel.create({
    name: 'Old Patient',
    email,
    passwordHash: await server.context.passwords.hash(PASSWORD),
    role: 'patient',
  });
  return user._id.toString();
}

const rowOf = (email: string) => AccountEmailModel.findById(email).lean();

interface Query {
  collection: string;
  method: string;
  filter: unknown;
}

/** Every query this process sends while `action` runs (the app runs in this process), by mongoose's debug hook. */
async function queriesDuring(action: () => Promise<unknown>): Promise<Query[]> {
  const seen: Query[] = [];
  mongoose.set('debug', (collection: string, method: string, filter: unknown) => void seen.push({ collection, method, filter }));
  try {
    await action();
  } finally {
    mongoose.set('debug', false);
  }
  return seen;
}

const filtersOnEmail = (query: Query) =>
  query.collection === UserModel.collection.collectionName &&
  typeof query.filter === 'object' &&
  query.filter !== null &&
  'email' in query.filter;

describe('an account is found by its email row', () => {
  it('gives a new account its row, and its login reads by `_id` only, never users by email', async () => {
    const email = newEmail('new');
    const registered = await register(email);
    expect(registered.status).toBe(201);
    expect((await rowOf(email))?.userId.toString()).toBe(registered.body.user.id);

    const queries = await queriesDuring(() => server.login(email, PASSWORD));
    expect(queries.some(filtersOnEmail)).toBe(false);
    expect(queries).toContainEqual({
      collection: AccountEmailModel.collection.collectionName,
      method: 'findOne',
      filter: { _id: email },
    });
  });

  it('signs in an account from before the rows, through the old query, and writes its row', async () => {
    const email = newEmail('before');
    const id = await insertAccountFromBefore(email);
    expect(await rowOf(email)).toBeNull();

    const queries = await queriesDuring(() => server.login(email, PASSWORD));
    expect(queries.some(filtersOnEmail)).toBe(true);
    expect((await rowOf(email))?.userId.toString()).toBe(id);
    // The next login needs no scan.
    expect((await queriesDuring(() => server.login(email, PASSWORD))).some(filtersOnEmail)).toBe(false);
  });

  it('backfills the rows of accounts from before, and corrects a row naming the wrong account, after which login reads by `_id`', async () => {
    const untouched = newEmail('backfill');
    const misdirected = newEmail('misdirected');
    const untouchedId = await insertAccountFromBefore(untouched);
    const misdirectedId = await insertAccountFromBefore(misdirected);
    await AccountEmailModel.create({ _id: misdirected, userId: new Types.ObjectId() });

    expect(await backfillEmailRows()).toBeGreaterThanOrEqual(2);
    expect((await rowOf(untouched))?.userId.toString()).toBe(untouchedId);
    expect((await rowOf(misdirected))?.userId.toString()).toBe(misdirectedId);
    expect(await backfillEmailRows()).toBe(0);

    const queries = await queriesDuring(async () => {
      await server.login(untouched, PASSWORD);
      await server.login(misdirected, PASSWORD);
    });
    expect(queries.some(filtersOnEmail)).toBe(false);
  });

  it('lets two backfills run at once (two instances starting): the rows one wrote are kept by the other', async () => {
    const emails = [newEmail('twice'), newEmail('twice'), newEmail('twice')];
    const ids = await Promise.all(emails.map(insertAccountFromBefore));
    await Promise.all([backfillEmailRows(), backfillEmailRows()]);
    for (const [index, email] of emails.entries()) expect((await rowOf(email))?.userId.toString()).toBe(ids[index]);
  });

  it('settles two registrations racing for one email with one account and its row', async () => {
    const email = newEmail('race');
    const answers = await Promise.all([register(email), register(email)]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409]);
    const users = await UserModel.find({ email }, { _id: 1 }).lean();
    expect(users).toHaveLength(1);
    expect((await rowOf(email))?.userId.toString()).toBe(users[0]!._id.toString());
  });

  it('tells whether an email is taken, with or without its row', async () => {
    const withRow = newEmail('taken');
    expect((await register(withRow)).status).toBe(201);
    const withoutRow = newEmail('taken-before');
    await insertAccountFromBefore(withoutRow);

    expect(await emailTaken(withRow)).toBe(true);
    expect(await emailTaken(withoutRow)).toBe(true);
    expect(await emailTaken(newEmail('free'))).toBe(false);
    expect((await register(withoutRow)).status).toBe(409);
  });

  it('treats a row naming an account that does not exist as no account, and lets the email be registered', async () => {
    const email = newEmail('ghost');
    await AccountEmailModel.create({ _id: email, userId: new Types.ObjectId() });

    const login = await server.request.post('/api/auth/login').send({ email, password: PASSWORD });
    expect(login.status).toBe(401);
    expect(login.body.error.code).toBe('INVALID_CREDENTIALS');
    expect(await emailTaken(email)).toBe(false);

    const registered = await register(email);
    expect(registered.status).toBe(201);
    expect((await rowOf(email))?.userId.toString()).toBe(registered.body.user.id);
    await server.login(email, PASSWORD);
  });
});
