import { describe, expect, it } from 'vitest';
import { createBatchLoader, createIdLoader } from './batch-loader.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('createBatchLoader', () => {
  it('loads the keys asked for together with one query, each caller getting its own value', async () => {
    const queries: string[][] = [];
    const loader = createBatchLoader<string, string>(async (keys) => {
      queries.push(keys);
      return new Map(keys.filter((key) => key !== 'missing').map((key) => [key, key.toUpperCase()]));
    });
    const answers = await Promise.all(['a', 'b', 'a', 'missing'].map((key) => loader.load(key)));
    expect(answers).toEqual(['A', 'B', 'A', undefined]);
    expect(queries).toEqual([['a', 'b', 'missing']]);
  });

  it('never answers a caller from a query that started before it asked (as fresh as a direct query)', async () => {
    let version = 0;
    const running: (() => void)[] = [];
    const loader = createBatchLoader<string, number>(
      async (keys) => {
        const seen = version;
        await new Promise<void>((resolve) => running.push(resolve));
        return new Map(keys.map((key) => [key, seen]));
      },
      { concurrency: 1 },
    );
    const early = loader.load('row');
    while (running.length < 1) await tick();
    version = 1; // a write lands while the first query runs
    const late = loader.load('row');
    running[0]!();
    expect(await early).toBe(0);
    while (running.length < 2) await tick();
    running[1]!();
    expect(await late).toBe(1);
  });

  it('reads a few keys one by one and many with one query', async () => {
    const many: string[][] = [];
    const one: string[] = [];
    const loader = createBatchLoader<string, string>(
      async (keys) => {
        many.push(keys);
        return new Map(keys.map((key) => [key, key]));
      },
      { loadOne: async (key) => (one.push(key), key), oneByOneUpTo: 2 },
    );
    await Promise.all(['a', 'b'].map((key) => loader.load(key)));
    await Promise.all(['c', 'd', 'e'].map((key) => loader.load(key)));
    expect(one).toEqual(['a', 'b']);
    expect(many).toEqual([['c', 'd', 'e']]);
  });

  it('a failed query fails its callers, and the next batch is tried again', async () => {
    let fail = true;
    const loader = createBatchLoader<string, string>(async (keys) => {
      if (fail) throw new Error('database away');
      return new Map(keys.map((key) => [key, key]));
    });
    await expect(loader.load('a')).rejects.toThrow('database away');
    fail = false;
    expect(await loader.load('a')).toBe('a');
  });

  it('reads by _id one key per query, never more than the limit at once, one query for callers of a key together', async () => {
    const asked: string[] = [];
    let running = 0;
    let most = 0;
    const loader = createIdLoader<string, string>(async (key) => {
      asked.push(key);
      most = Math.max(most, (running += 1));
      await tick();
      running -= 1;
      return key === 'missing' ? undefined : key.toUpperCase();
    }, 32);
    const keys = [...Array.from({ length: 200 }, (_, index) => `k${index}`), 'k7', 'missing'];
    const answers = await Promise.all(keys.map((key) => loader.load(key)));
    expect(answers).toEqual(keys.map((key) => (key === 'missing' ? undefined : key.toUpperCase())));
    expect(asked).toHaveLength(201);
    expect(new Set(asked).size).toBe(201);
    expect(most).toBeGreaterThan(1);
    expect(most).toBeLessThanOrEqual(32);
  });
});
