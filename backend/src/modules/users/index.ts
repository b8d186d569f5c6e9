// The users module's public entry: other modules, realtime/ and scale/ import users from here only.
// The model stays inside: reads go through user-reads.ts (where the database's cost rules live),
// account writes through user-accounts.ts, an account by its email through account-emails.ts.
export { readPublicUser, readPublicUsers, readUserStatus, countAvailableDoctors, countUsersWithRole } from './user-reads.js';
export type { UserStatus } from './user-reads.js';
export { backfillEmailRows, backfillEmailRowsOnce, readAccountByEmail } from './account-emails.js';
export { accountEmailRow } from './account-email.model.js';
export { createAccount, emailTaken, emailTakenError, loadAccount, writeWaitingNote } from './user-accounts.js';
export type { AccountDocument, NewAccount } from './user-accounts.js';
export { listAllUsers } from './user-directory.js';
export { toPublicUser } from './user.model.js';
export type { PublicUserRecord, UserRecord } from './user.model.js';
export { createUserService, type UserService, type UserServiceDeps } from './user.service.js';
export { userRoutes } from './user.routes.js';
