import { describe, expect, it } from 'vitest';
import { oneAtATime } from './one-at-a-time.js';

/** A task whose runs end when the test says so. */
function controlledTask() {
  const runs: { resolve: (value: number) => void; reject: (error: Error) => void }[] = [];
  const task = () => new Promise<number>((resolve, reject) => runs.push({ resolve, reject }));
  return { runs, task };
}

// One macrotask, not a duration: every promise reaction already queued (the follow-up's start) runs first.
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('oneAtATime', () => {
  it('calls made during a run share one follow-up run that starts after it', async () => {
    const { runs, task } = controlledTask();
    const refresh = oneAtATime(task);
    const first = refresh();
    const during = [refresh(), refresh(), refresh()];
    expect(runs).toHaveLength(1);

    runs[0]!.resolve(1);
    expect(await first).toBe(1);
    await tick();
    expect(runs).toHaveLength(2);
    runs[1]!.resolve(2);
    expect(await Promise.all(during)).toEqual([2, 2, 2]);
  });

  it('starts afresh once idle, and a failed run neither blocks the next nor fails the follow-up', async () => {
    const { runs, task } = controlledTask();
    const refresh = oneAtATime(task);
    const failing = refresh();
    const follower = refresh();
    runs[0]!.reject(new Error('offline'));
    await expect(failing).rejects.toThrow('offline');
    await tick();
    runs[1]!.resolve(5);
    expect(await follower).toBe(5);

    const later = refresh();
    expect(runs).toHaveLength(3);
    runs[2]!.resolve(6);
    expect(await later).toBe(6);
  });
});
