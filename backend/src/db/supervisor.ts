import type { EmbeddedDatabaseLogger } from './embedded-database.js';

/** One run of a supervised server: it ends when `exited` resolves (with a reason like "signal SIGKILL"). */
export interface SupervisedRun {
  pid: number | undefined;
  exited: Promise<string>;
  stop: () => Promise<void>;
}

export interface SupervisorOptions {
  /** what is supervised, for log lines: "FerretDB" */
  name: string;
  /** starts a new run on the same port and data; rejects when the server does not come up */
  start: () => Promise<SupervisedRun>;
  logger: EmbeddedDatabaseLogger;
  /** called once, when the server failed `maxFailures` times within `windowMs`; the caller decides to exit */
  onGiveUp(reason: string): void;
  maxFailures?: number;
  windowMs?: number;
}

export interface Supervisor {
  pid: () => number | undefined;
  /** stops the server on purpose: no restart follows */
  stop: () => Promise<void>;
  /** stops (if running) and starts it again; used by outage tests and after stop() */
  restart: () => Promise<void>;
}

// Restarts come quickly at first (a crash is usually a one-off) and never later than 4 s, so the
// database is back within 5 s of a death; five failures in a minute mean it will not stay up.
const BACKOFF_MS = [250, 500, 1_000, 2_000, 4_000];

export function supervise(first: SupervisedRun, options: SupervisorOptions): Supervisor {
  const { name, logger, maxFailures = 5, windowMs = 60_000 } = options;
  let current: SupervisedRun | undefined;
  let failures: number[] = [];
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  const watch = (run: SupervisedRun) => {
    current = run;
    void run.exited.then((how) => {
      if (current === run) failed(`${name} (pid ${run.pid}) died: ${how}`);
    });
  };

  const failed = (reason: string) => {
    current = undefined;
    if (stopped) return;
    const now = Date.now();
    failures = [...failures.filter((at) => now - at < windowMs), now];
    if (failures.length >= maxFailures) {
      stopped = true;
      const why = `${reason}; ${failures.length} failures within ${windowMs / 1000} s, giving up`;
      logger.warn({}, `database: ${why}`);
      options.onGiveUp(why);
      return;
    }
    const delay = BACKOFF_MS[Math.min(failures.length, BACKOFF_MS.length) - 1]!;
    logger.warn(
      {},
      `database: ${reason}; restarting it in ${delay} ms (failure ${failures.length} of ${maxFailures} allowed in ${windowMs / 1000} s)`,
    );
    timer = setTimeout(() => void restartAfterFailure(), delay);
  };

  const restartAfterFailure = async () => {
    timer = undefined;
    try {
      const run = await options.start();
      if (stopped) return void run.stop();
      watch(run);
      logger.info({}, `database: ${name} is back (pid ${run.pid}) on the same port and data`);
    } catch (err) {
      failed(`${name} did not come back: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
    }
  };

  const stopCurrent = async () => {
    stopped = true;
    clearTimeout(timer);
    timer = undefined;
    const run = current;
    current = undefined;
    await run?.stop();
  };

  watch(first);
  return {
    pid: () => current?.pid,
    stop: stopCurrent,
    async restart() {
      await stopCurrent();
      stopped = false;
      watch(await options.start());
    },
  };
}
