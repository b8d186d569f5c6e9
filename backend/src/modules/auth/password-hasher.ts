import { createHmac } from 'node:crypto';
import { createRequire } from 'node:module';
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * bcryptjs is pure JavaScript: one hash at cost 10 blocks its thread for ~90 ms. On the main
 * thread that would stall every socket on the process during a login burst, so hashing and
 * comparing run in a small pool of worker threads.
 *
 * Comparing (a login, a password change's current password) goes ahead of hashing (sign-ups,
 * new passwords): 80 sign-ups at once used to make a real login wait 9.5 s behind their hashes;
 * now it waits for at most the hash a worker is busy with.
 */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  compare(password: string, hash: string): Promise<boolean>;
  /** zxcvbn's estimate of a new password (password-policy.ts), in the hashing lane */
  strength(password: string, userInputs: string[]): Promise<PasswordStrength>;
  close(): Promise<void>;
  /** how many hash or compare at once (one per worker) */
  readonly workers: number;
}

export interface PasswordStrength {
  /** 0 (guessed at once) to 4 */
  score: number;
  warning: string | null;
  suggestion: string | null;
}

// Inline source keeps the worker runnable from TypeScript (tests) and compiled JavaScript alike.
// The worker lowers its own thread's priority (Linux: a thread id given to setpriority names just
// that thread; /proc/thread-self/stat starts with it): a login burst then hashes on whatever CPU
// messages leave over, instead of taking a core from them. Elsewhere it runs at normal priority.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
try {
  const threadId = Number(require('node:fs').readFileSync('/proc/thread-self/stat', 'utf8').split(' ')[0]);
  if (threadId > 0) require('node:os').setPriority(threadId, workerData.niceness);
} catch {
  // not Linux, or not allowed: hash at normal priority
}
// zxcvbn's dictionaries are megabytes: read on the first estimate, and here rather than on the
// main thread, where an estimate (~5 ms each) of 100 sign-ups at once held up everyone's messages.
let estimator;
function strength(job) {
  if (!estimator) {
    const [core, common, english] = workerData.zxcvbnPaths.map((path) => require(path));
    estimator = new core.ZxcvbnFactory({
      dictionary: { ...common.dictionary, ...english.dictionary },
      graphs: common.adjacencyGraphs,
      translations: english.translations,
    });
  }
  const { score, feedback } = estimator.check(job.password, job.userInputs);
  return { score, warning: feedback.warning ?? null, suggestion: feedback.suggestions[0] ?? null };
}
import(workerData.bcryptUrl).then((module) => {
  const bcrypt = module.default ?? module;
  const run = (job) =>
    job.op === 'hash' ? bcrypt.hashSync(job.password, job.rounds)
    : job.op === 'compare' ? bcrypt.compareSync(job.password, job.hash)
    : strength(job);
  parentPort.on('message', (job) => {
    try {
      parentPort.postMessage({ id: job.id, result: run(job) });
    } catch (error) {
      parentPort.postMessage({ id: job.id, error: String(error) });
    }
  });
  parentPort.postMessage({ ready: true });
});
`;

/** Linux nice value of the hashing threads: 19 is the lowest priority. */
export const HASHING_NICENESS = 19;

/**
 * bcrypt reads only the first 72 bytes of a password: a longer one with a different ending would
 * sign in. New hashes are of the password's HMAC-SHA256 instead (44 characters, whatever the
 * password's length), marked by this prefix on the stored hash; hashes without it are the plain
 * bcrypt of earlier releases and are still compared as such. The HMAC key is not a secret: it only
 * makes these pre-hashes differ from the plain SHA-256 found in other sites' breaches, so those
 * cannot be tried against our hashes directly ("password shucking"). NFKC: one password, however
 * a keyboard composes its accents (NIST SP 800-63B).
 */
export const PREHASHED_PREFIX = '$hmac-sha256$';
const PREHASH_KEY = 'careline-password-v1';

function prehash(password: string): string {
  return createHmac('sha256', PREHASH_KEY).update(password.normalize('NFKC')).digest('base64');
}

type Job = {
  id: number;
  op: 'hash' | 'compare' | 'strength';
  password: string;
  hash?: string;
  userInputs?: string[];
  rounds: number;
};
type Result = string | boolean | PasswordStrength;
type Pending = { job: Job; resolve: (value: Result) => void; reject: (error: Error) => void };

export function createPasswordHasher(options: { rounds: number; workers?: number }): PasswordHasher {
  const require = createRequire(import.meta.url);
  const bcryptUrl = pathToFileURL(require.resolve('bcryptjs')).href;
  const zxcvbnPaths = ['@zxcvbn-ts/core', '@zxcvbn-ts/language-common', '@zxcvbn-ts/language-en'].map((name) =>
    require.resolve(name),
  );
  // One core is always left to the event loop: with a worker per core, a burst of 50 logins
  // (4.5 s of hashing at cost 10) took both cores of a small server from everyone's messages.
  const size = options.workers ?? Math.max(1, os.availableParallelism() - 1);
  // Two lanes: every waiting comparison is handed out before any waiting hash.
  const comparisons: Pending[] = [];
  const hashes: Pending[] = [];
  const idle: Worker[] = [];
  const running = new Map<Worker, Pending>();
  let nextId = 1;
  let closed = false;

  const dispatch = () => {
    while (idle.length > 0 && comparisons.length + hashes.length > 0) {
      const worker = idle.pop()!;
      const pending = (comparisons.shift() ?? hashes.shift())!;
      running.set(worker, pending);
      worker.postMessage(pending.job);
    }
  };

  const workers = Array.from({ length: size }, () => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { bcryptUrl, zxcvbnPaths, niceness: HASHING_NICENESS } });
    worker.unref();
    worker.on('message', (message: { ready?: boolean; result?: Result; error?: string }) => {
      if (!message.ready) {
        const pending = running.get(worker);
        running.delete(worker);
        if (pending) {
          if (message.error !== undefined) pending.reject(new Error(message.error));
          else pending.resolve(message.result!);
        }
      }
      idle.push(worker);
      dispatch();
    });
    worker.on('error', (error) => {
      running.get(worker)?.reject(error);
      running.delete(worker);
    });
    return worker;
  });

  const run = (job: Omit<Job, 'id' | 'rounds'>) =>
    new Promise<Result>((resolve, reject) => {
      if (closed) return reject(new Error('password hasher closed'));
      (job.op === 'compare' ? comparisons : hashes).push({
        job: { ...job, id: nextId++, rounds: options.rounds },
        resolve,
        reject,
      });
      dispatch();
    });

  return {
    workers: size,
    hash: async (password) => PREHASHED_PREFIX + ((await run({ op: 'hash', password: prehash(password) })) as string),
    compare: async (password, hash) =>
      hash.startsWith(PREHASHED_PREFIX)
        ? ((await run({ op: 'compare', password: prehash(password), hash: hash.slice(PREHASHED_PREFIX.length) })) as boolean)
        : ((await run({ op: 'compare', password, hash })) as boolean),
    strength: async (password, userInputs) => (await run({ op: 'strength', password, userInputs })) as PasswordStrength,
    close: async () => {
      closed = true;
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}
