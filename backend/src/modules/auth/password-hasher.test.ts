import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { createPasswordHasher, HASHING_NICENESS } from './password-hasher.js';

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
    expect(hash).toMatch(/^\$2[aby]\$04\$/);
    expect(await hasher.compare('a good password', hash)).toBe(true);
    expect(await hasher.compare('another password', hash)).toBe(false);
  });

  // A login burst must not take CPU from everyone's messages: the hashing thread runs at the
  // lowest priority, so it gets what the rest leaves (docs/performance.md, login burst).
  it.runIf(process.platform === 'linux')('runs its worker at the lowest priority, the rest of the process at normal priority', async () => {
    await hasher.hash('wake the worker');
    const niceness = threadNiceness();
    expect(niceness).toContain(HASHING_NICENESS);
    expect(niceness).toContain(0);
  });
});
