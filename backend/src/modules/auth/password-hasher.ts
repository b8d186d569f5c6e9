import { createRequire } from 'node:module';
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * bcryptjs is pure JavaScript: one hash at cost 10 blocks its thread for ~90 ms. On the main
 * thread that would stall every socket on the process during a login burst, so hashing and
 * comparing run in a small pool of worker threads.
 */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  compare(password: string, hash: string): Promise<boolean>;
  close(): Promise<void>;
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
import(workerData.bcryptUrl).then((module) => {
  const bcrypt = module.default ?? module;
  parentPort.on('message', (job) => {
    try {
      const result = job.op === 'hash' ? bcrypt.hashSync(job.password, job.rounds) : bcrypt.compareSync(job.password, job.hash);
      parentPort.postMessage({ id: job.id, result });
    } catch (error) {
      parentPort.postMessage({ id: job.id, error: String(error) });
    }
  });
  parentPort.postMessage({ ready: true });
});
`;

/** Linux nice value of the hashing threads: 19 is the lowest priority. */
export const HASHING_NICENESS = 19;

type Job = { id: number; op: 'hash' | 'compare'; password: string; hash?: string; rounds: number };
type Pending = { job: Job; resolve: (value: string | boolean) => void; reject: (error: Error) => void };

export function createPasswordHasher(options: { rounds: number; workers?: number }): PasswordHasher {
  const bcryptUrl = pathToFileURL(createRequire(import.meta.url).resolve('bcryptjs')).href;
  // One core is always left to the event loop: with a worker per core, a burst of 50 logins
  // (4.5 s of hashing at cost 10) took both cores of a small server from everyone's messages.
  const size = options.workers ?? Math.max(1, os.availableParallelism() - 1);
  const queue: Pending[] = [];
  const idle: Worker[] = [];
  const running = new Map<Worker, Pending>();
  let nextId = 1;
  let closed = false;

  const dispatch = () => {
    while (idle.length > 0 && queue.length > 0) {
      const worker = idle.pop()!;
      const pending = queue.shift()!;
      running.set(worker, pending);
      worker.postMessage(pending.job);
    }
  };

  const workers = Array.from({ length: size }, () => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { bcryptUrl, niceness: HASHING_NICENESS } });
    worker.unref();
    worker.on('message', (message: { ready?: boolean; result?: string | boolean; error?: string }) => {
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
    new Promise<string | boolean>((resolve, reject) => {
      if (closed) return reject(new Error('password hasher closed'));
      queue.push({ job: { ...job, id: nextId++, rounds: options.rounds }, resolve, reject });
      dispatch();
    });

  return {
    hash: async (password) => (await run({ op: 'hash', password })) as string,
    compare: async (password, hash) => (await run({ op: 'compare', password, hash })) as boolean,
    close: async () => {
      closed = true;
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}
