import { describe, expect, it } from 'vitest';
import { createLatestWriter } from './latest-writer.js';

function recorder(options: { failFor?: string } = {}) {
  const written: [string, number][] = [];
  const errors: string[] = [];
  let release: () => void = () => undefined;
  let blocked = false;
  const writer = createLatestWriter<number>({
    write: async (key, value) => {
      if (blocked) await new Promise<void>((resolve) => (release = resolve));
      if (key === options.failFor) throw new Error('no');
      written.push([key, value]);
    },
    isLater: (candidate, current) => candidate > current,
    concurrency: 1,
    onError: (_error, key) => errors.push(key),
  });
  return { writer, written, errors, block: () => (blocked = true), release: () => ((blocked = false), release()) };
}

describe('createLatestWriter', () => {
  it('merges what arrives for a key while it waits, keeping the latest, and writes each key in order', async () => {
    const { writer, written, block, release } = recorder();
    block();
    writer.write('a', 1); // starts at once, then waits
    writer.write('a', 3);
    writer.write('a', 2); // older than what is queued: dropped
    writer.write('b', 7);
    release();
    await writer.flush();
    expect(written.filter(([key]) => key === 'a')).toEqual([
      ['a', 1],
      ['a', 3],
    ]);
    expect(written).toContainEqual(['b', 7]);
  });

  it('flush writes the matching keys ahead of the line and resolves once they are written', async () => {
    const { writer, written, block, release } = recorder();
    block();
    writer.write('x:busy', 1);
    writer.write('me:1', 5);
    writer.write('other', 9);
    const flushed = writer.flush((key) => key.startsWith('me:'));
    release();
    await flushed;
    expect(written).toContainEqual(['me:1', 5]);
  });

  it('a failed write is reported and does not stop the others', async () => {
    const { writer, written, errors } = recorder({ failFor: 'bad' });
    writer.write('bad', 1);
    writer.write('good', 2);
    await writer.flush();
    expect(errors).toEqual(['bad']);
    expect(written).toEqual([['good', 2]]);
  });
});
