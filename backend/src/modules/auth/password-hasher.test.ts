import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import bcrypt from 'bcryptjs';
import { createPasswordHasher, HASHING_NICENESS, PREHASHED_PREFIX } from './password-hasher.js';

const hasher = createPasswordHasher({ rounds: 4, workers: 1 });
afterAll(() => hasher.close());

/** The nice value of every thread of this process (Linux: field 19 of /proc/self/task/<tid>/stat). */
function threadNiceness(): number[] {
  return fs.readdirSync('/proc/self/task').flatMap((tid) => {
    try {
      const stat = fs.readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      return [Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16])];
    } catch {
      return []; // the thread ended while we looked
    }
  });
}

describe('password hashing', () => {
  it('hashes and checks a password in a worker thread', async () => {
    const hash = await hasher.hash('a good password');
    expect(hash.startsWith(PREHASHED_PREFIX)).toBe(true);
    expect(hash.slice(PREHASHED_PREFIX.length)).toMatch(/^\$2[aby]\$04\$/);
    expect(await hasher.compare('a good password', hash)).toBe(true);
    expect(await hasher.compare('another password', hash)).toBe(false);
  });

  it('tells apart passwords that differ only past the 72 bytes bcrypt reads', async () => {
    const start = 'a long passphrase that somebody typed out in full, word after word after word, ';
    const hash = await hasher.hash(`${start}and then some more`);
    expect(Buffer.byteLength(start)).toBeGreaterThan(72);
    expect(await hasher.compare(`${start}and then some more`, hash)).toBe(true);
    expect(await hasher.compare(`${start}but ends otherwise`, hash)).toBe(false);
  });

  it('still accepts the plain bcrypt hashes stored before pre-hashing', async () => {
    const legacy = bcrypt.hashSync('a good password', 4);
    expect(await hasher.compare('a good password', legacy)).toBe(true);
    expect(await hasher.compare('another password', legacy)).toBe(false);
  });

  it('compares a login ahead of sign-up hashes that were already waiting', async () => {
    const stored = await hasher.hash('the login password');
    const finished: string[] = [];
    const signups = Array.from({ length: 6 }, (_, index) =>
      hasher.hash(`sign-up number ${index}`).then(() => void finished.push(`hash ${index}`)),
    );
    const login = hasher.compare('the login password', stored).then((matches) => void finished.push(`login ${matches}`));
    await Promise.all([...signups, login]);
    // One worker: the hash it had started comes first, then the login, then the rest.
    expect(finished.indexOf('login true')).toBe(1);
  });

  // A login burst must not take CPU from everyone's messages: the hashing thread runs at the
  // lowest priority, so it gets what the rest leaves (docs/performance.md, login burst).
  it.runIf(process.platform === 'linux')(
    'runs its worker at the lowest priority, the rest of the process at normal priority',
    async () => {
      await hasher.hash('wake the worker');
      const niceness = threadNiceness();
      expect(niceness).toContain(HASHING_NICENESS);
      expect(niceness).toContain(0);
    },
  );
});
