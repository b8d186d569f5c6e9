import { errors } from '../../lib/app-error.js';
import type { PasswordHasher } from './password-hasher.js';

/**
 * zxcvbn's score: 3 means about 10^8 guesses or more, far past what the login limits let anyone
 * try online. Below it are the breached-list and common passwords ("password", "12345678"), their
 * close variants ("iloveyou12345678"), repeats ("        ") and keyboard runs. A passphrase of a
 * few ordinary words ("a good password") passes: a patient can remember it without a manager.
 */
const MINIMUM_SCORE = 3;

/**
 * NIST SP 800-63B's check of a new password, beyond the length the shared schema enforces: refused
 * when it is on (or close to) zxcvbn-ts's lists of common and breached passwords, or made of the
 * account's own name or email. Throws a validation error on `field` whose message says why, which
 * the forms show. The estimate runs in the hashing workers (password-hasher.ts), behind logins.
 */
export async function assertAcceptablePassword(
  passwords: PasswordHasher,
  password: string,
  field: string,
  account: { email: string; name?: string },
): Promise<void> {
  const [localPart = ''] = account.email.split('@');
  const userInputs = [account.email, localPart, ...localPart.split(/[._+-]/), ...(account.name?.split(/\s+/) ?? [])].filter(
    (word) => word.length >= 3,
  );
  const { score, warning, suggestion } = await passwords.strength(password, userInputs);
  if (score >= MINIMUM_SCORE) return;
  const why = warning ?? 'It would be guessed quickly.';
  const hint = suggestion ?? 'A few words that belong together only for you work well.';
  throw errors.validation([{ path: field, message: `is too easy to guess. ${why} ${hint}` }]);
}
