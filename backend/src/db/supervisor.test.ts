import { afterEach, describe, expect, it, vi } from 'vitest';
import { supervise, type SupervisedRun } from './supervisor.js';

/* The supervisor on its own, with runs that end when the test says so (no processes). */

interface FakeRun extends SupervisedRun {
  die(how: string): void;
}

let nextPid = 100;
function fakeRun(): FakeRun {
  let end: (how: string) => void = () => undefined;
  const exited = new Promise<string>((resolve) => (end = resolve));
  return { pid: nextPid++, exited, die: (how) => end(how), stop: async () => end('exit code 0') };
}

const lines: string[] = [];
const logger = {
  info: (_obj: object, msg?: string) => lines.push(msg ?? ''),
  warn: (_obj: object, msg?: string) => lines.push(msg ?? ''),
};
const until = (condition: () => boolean) => expect.poll(condition).toBe(true);

describe('supervisor', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('starts the server again after it dies, and says so', async () => {
    const first = fakeRun();
    const runs: FakeRun[] = [];
    const gaveUp: string[] = [];
    const supervisor = supervise(first, {
      name: 'FerretDB',
      logger,
      start: async () => runs[runs.push(fakeRun()) - 1]!,
      onGiveUp: (reason) => gaveUp.push(reason),
    });
    first.die('signal SIGKILL');
    await until(() => runs.length === 1 && supervisor.pid() === runs[0]!.pid);
    expect(lines.some((line) => line.includes(`FerretDB (pid ${first.pid}) died: signal SIGKILL; restarting it in`))).toBe(true);
    expect(lines.some((line) => line.includes(`FerretDB is back (pid ${runs[0]!.pid})`))).toBe(true);
    expect(gaveUp).toEqual([]);
    await supervisor.stop();
  });

  it('gives up, once and with the reason, when the server fails five times within a minute', async () => {
    // A fake clock: every back-off runs at once, and "nothing left to run" proves no restart is pending.
    vi.useFakeTimers();
    const first = fakeRun();
    let attempts = 0;
    const gaveUp: string[] = [];
    supervise(first, {
      name: 'FerretDB',
      logger,
      start: () => Promise.reject(new Error(`FerretDB exited during startup (exit code ${++attempts})`)),
      onGiveUp: (reason) => gaveUp.push(reason),
    });
    first.die('signal SIGKILL');
    await vi.runAllTimersAsync();
    expect(attempts).toBe(4); // the death itself is failure 1
    expect(gaveUp).toHaveLength(1);
    expect(gaveUp[0]).toMatch(
      /FerretDB did not come back: FerretDB exited during startup \(exit code 4\); 5 failures within 60 s, giving up/,
    );
  });

  it('does not restart a server stopped on purpose, and starts it again on restart()', async () => {
    vi.useFakeTimers();
    const first = fakeRun();
    let starts = 0;
    const supervisor = supervise(first, {
      name: 'FerretDB',
      logger,
      start: async () => (starts++, fakeRun()),
      onGiveUp: () => undefined,
    });
    await supervisor.stop();
    await vi.runAllTimersAsync(); // any restart it had scheduled would have run now
    expect(starts).toBe(0);
    expect(supervisor.pid()).toBeUndefined();
    await supervisor.restart();
    expect(starts).toBe(1);
    expect(supervisor.pid()).toBeDefined();
    await supervisor.stop();
  });
});
