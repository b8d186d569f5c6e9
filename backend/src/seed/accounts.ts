import type { Role } from '@telehealth/shared';
import type { PasswordHasher } from '../modules/auth/index.js';
import { createAccount, emailTaken } from '../modules/users/index.js';

export interface DemoAccount {
  name: string;
  email: string;
  password: string;
  role: Role;
  specialty?: string;
  bio?: string;
}

/** The accounts a developer signs in with; created only in development (`SEED_DEMO`). */
export const DEMO_ACCOUNTS: DemoAccount[] = [
  { name: 'Ada Admin', email: 'admin@demo.test', password: 'demo-admin-pass', role: 'admin' },
  {
    name: 'Dr. Grace Hopper',
    email: 'grace@demo.test',
    password: 'demo-doctor-pass',
    role: 'doctor',
    specialty: 'General practice',
    bio: 'Family doctor, 15 years of practice.',
  },
  {
    name: 'Dr. Alan Turing',
    email: 'alan@demo.test',
    password: 'demo-doctor-pass',
    role: 'doctor',
    specialty: 'Dermatology',
    bio: 'Skin conditions and allergies.',
  },
  { name: 'Pat Patient', email: 'pat@demo.test', password: 'demo-patient-pass', role: 'patient' },
  { name: 'Sam Patient', email: 'sam@demo.test', password: 'demo-patient-pass', role: 'patient' },
];

/** Creates the account if its email is not taken yet; never changes an existing one. */
async function ensureAccount(account: DemoAccount, passwords: PasswordHasher): Promise<boolean> {
  if (await emailTaken(account.email)) return false;
  await createAccount({
    name: account.name,
    email: account.email,
    passwordHash: await passwords.hash(account.password),
    role: account.role,
    specialty: account.specialty ?? '',
    bio: account.bio ?? '',
    available: account.role === 'doctor',
  });
  return true;
}

export async function ensureAdmin(email: string, password: string, passwords: PasswordHasher): Promise<boolean> {
  return ensureAccount({ name: 'Administrator', email: email.toLowerCase(), password, role: 'admin' }, passwords);
}

export async function seedDemoAccounts(passwords: PasswordHasher): Promise<void> {
  await Promise.all(DEMO_ACCOUNTS.map((account) => ensureAccount(account, passwords)));
}
