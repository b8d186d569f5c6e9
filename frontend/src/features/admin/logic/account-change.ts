import type { PublicUser, Role } from '@telehealth/shared';

/** A change to an account an admin asked for, waiting to be confirmed. */
export type PendingChange =
  | { kind: 'role'; user: PublicUser; role: Role }
  | { kind: 'active'; user: PublicUser; active: boolean }
  | { kind: 'password'; user: PublicUser };

/** "Doctor" for `doctor`: how a role reads in a select or a button. */
export const roleLabel = (role: Role) => role[0]!.toUpperCase() + role.slice(1);
